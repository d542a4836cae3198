import secretsAi from '../../../patterns/secrets-ai.json' with { type: 'json' };
import secretsCloud from '../../../patterns/secrets-cloud.json' with { type: 'json' };
import secretsDatabases from '../../../patterns/secrets-databases.json' with { type: 'json' };
import secretsGeneric from '../../../patterns/secrets-generic.json' with { type: 'json' };
import secretsKeys from '../../../patterns/secrets-keys.json' with { type: 'json' };
import secretsMessaging from '../../../patterns/secrets-messaging.json' with { type: 'json' };
import secretsPayments from '../../../patterns/secrets-payments.json' with { type: 'json' };
import secretsRegistries from '../../../patterns/secrets-registries.json' with { type: 'json' };
import secretsSaas from '../../../patterns/secrets-saas.json' with { type: 'json' };
import secretsVcs from '../../../patterns/secrets-vcs.json' with { type: 'json' };
import { withExamplesChecked } from '../../engine/load.js';
import type { PackInput } from '../../engine/pack.js';

/**
 * The secret packs, one family each so that no single RE2.Set has to carry every
 * fixed-length run at once: cloud, source hosting and CI, AI providers, SaaS, payments,
 * messaging, package registries, private keys and JWTs, database URLs, and the generic
 * assignment detectors. Every rule has `category: "secret"`, an `entity` and a `maxLength`.
 */
export const SECRET_PACKS: readonly PackInput[] = withExamplesChecked([
  secretsCloud,
  secretsVcs,
  secretsAi,
  secretsSaas,
  secretsPayments,
  secretsMessaging,
  secretsRegistries,
  secretsKeys,
  secretsDatabases,
  secretsGeneric,
] as PackInput[]);
