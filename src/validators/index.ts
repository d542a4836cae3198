import { base58check } from './base58check.js';
import { bech32 } from './bech32.js';
import { cardIssuer } from './card-issuer.js';
import { crc32Token } from './crc32.js';
import { date } from './date.js';
import { eip55 } from './eip55.js';
import { email } from './email.js';
import { entropy } from './entropy.js';
import { iban } from './iban.js';
import { ipv6 } from './ipv6.js';
import { isolated } from './isolated.js';
import { jwtHeader } from './jwt.js';
import { luhn } from './luhn.js';
import { mixedChars } from './mixed-chars.js';
import { nino } from './nino.js';
import { notPlaceholder } from './not-placeholder.js';
import { notPublic } from './not-public.js';
import { notUsername } from './not-username.js';
import { phone } from './phone.js';
import { ssn } from './ssn.js';
import type { Validator } from './types.js';

/** The validators rules can name. Custom ones are passed to `compile` by the caller. */
export const BUILTIN_VALIDATORS: Readonly<Record<string, Validator>> = {
  base58check,
  bech32,
  'card-issuer': cardIssuer,
  crc32: crc32Token,
  date,
  eip55,
  email,
  entropy,
  iban,
  ipv6,
  isolated,
  jwt: jwtHeader,
  luhn,
  'mixed-chars': mixedChars,
  nino,
  'not-placeholder': notPlaceholder,
  'not-public': notPublic,
  'not-username': notUsername,
  phone,
  ssn,
};

export { shannonEntropy } from './entropy.js';
export type { Validator, ValidatorContext } from './types.js';
