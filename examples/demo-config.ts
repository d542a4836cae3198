/**
 * The guard config the examples (and the adapter tests) share: e-mails get reversible
 * pseudonyms (`[EMAIL_1]`, restored in the answer), and only the contact-details and cloud-key
 * packs are loaded, so a demo starts at once. Drop `packs` to scan with every built-in pack.
 */
import { readFileSync } from 'node:fs';
import type { GuardConfigInput } from '../src/guard/config.js';

const pack = (id: string): unknown => JSON.parse(readFileSync(new URL(`../patterns/${id}.json`, import.meta.url), 'utf8'));

export const demoGuardConfig: GuardConfigInput = {
  packs: { builtins: false, custom: [pack('pii-contact'), pack('secrets-cloud')] },
  redaction: { byEntity: { EMAIL: { type: 'pseudonym' } } },
};
