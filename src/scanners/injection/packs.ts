import injectionDelimiter from '../../../patterns/injection-delimiter.json' with { type: 'json' };
import injectionDocument from '../../../patterns/injection-document.json' with { type: 'json' };
import injectionExfiltration from '../../../patterns/injection-exfiltration.json' with { type: 'json' };
import injectionFraming from '../../../patterns/injection-framing.json' with { type: 'json' };
import injectionExtraction from '../../../patterns/injection-extraction.json' with { type: 'json' };
import injectionIndirect from '../../../patterns/injection-indirect.json' with { type: 'json' };
import injectionOverride from '../../../patterns/injection-override.json' with { type: 'json' };
import injectionRoleplay from '../../../patterns/injection-roleplay.json' with { type: 'json' };
import injectionSmuggling from '../../../patterns/injection-smuggling.json' with { type: 'json' };
import injectionTool from '../../../patterns/injection-tool.json' with { type: 'json' };
import { withExamplesChecked } from '../../engine/load.js';
import type { PackInput } from '../../engine/pack.js';

/**
 * The injection and jailbreak packs, one per attack family: instruction override, role-play
 * personas, system-prompt extraction, fake conversation structure, indirect injection,
 * exfiltration, tool hijacking, payload splitting, and harmful requests framed as harmless
 * (role-play, fiction, assurances).
 */
export const INJECTION_PACKS: readonly PackInput[] = withExamplesChecked([
  injectionOverride,
  injectionRoleplay,
  injectionFraming,
  injectionExtraction,
  injectionDelimiter,
  injectionIndirect,
  injectionExfiltration,
  injectionTool,
  injectionSmuggling,
] as PackInput[]);

/**
 * Rules for third-party content only (tool results, retrieved pages, e-mails, files): an
 * instruction to put a sentence or a link into the reader's answer, or to write that answer
 * backwards or in emojis, is an injection there and an ordinary request in a user's own prompt.
 * `detectInjection(text, { context: 'document' })` adds them to {@link INJECTION_PACKS}.
 */
export const DOCUMENT_PACKS: readonly PackInput[] = withExamplesChecked([injectionDocument] as PackInput[]);
