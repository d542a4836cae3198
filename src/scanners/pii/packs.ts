import piiContact from '../../../patterns/pii-contact.json' with { type: 'json' };
import piiCrypto from '../../../patterns/pii-crypto.json' with { type: 'json' };
import piiDates from '../../../patterns/pii-dates.json' with { type: 'json' };
import piiFinancial from '../../../patterns/pii-financial.json' with { type: 'json' };
import piiGovernment from '../../../patterns/pii-government.json' with { type: 'json' };
import piiNetwork from '../../../patterns/pii-network.json' with { type: 'json' };
import { withExamplesChecked } from '../../engine/load.js';
import type { PackInput } from '../../engine/pack.js';

/**
 * The PII packs: contact details (e-mail, phone), payment cards and IBANs, government
 * identifiers (US SSN, UK NINO), network identifiers (IP, MAC), crypto wallets, and dates
 * of birth. Every rule has `category: "pii"` and an `entity`.
 */
export const PII_PACKS: readonly PackInput[] = withExamplesChecked([
  piiContact,
  piiFinancial,
  piiGovernment,
  piiNetwork,
  piiCrypto,
  piiDates,
] as PackInput[]);
