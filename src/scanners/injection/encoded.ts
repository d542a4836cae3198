import type { Engine } from '../../engine/engine.js';
import type { Finding } from '../../engine/finding.js';
import { textViews } from '../../text/views.js';
import { type EncodedSegment, findEncoded } from './decoders.js';
import { adversarialSuffix } from './gibberish.js';
import { repeatedTokens } from './repetition.js';
import { type LoadedModel, lexicalFinding } from './lexical.js';
import { truncate } from './evidence.js';
import { injectionScore } from './score.js';

/** Limits on decoding, so a crafted text cannot make a scan decode without end. */
export interface DecodeLimits {
  /** Nested layers decoded (base64 of hex of …). */
  maxDepth: number;
  /** Decoded text produced in total over all layers, in UTF-16 units. */
  maxDecodedBytes: number;
}

/**
 * Findings for encoded payloads: each base64, hex, URL-encoded, escaped (HTML character
 * references, `\u`), binary, Morse, Caesar-shifted (ROT13) or backwards segment that decodes to
 * text is scanned with `engine`, and decoded again up to `maxDepth` layers; when the decoded
 * text trips a rule, one `encoded-injection` finding covers the
 * encoded span in the original text, scored as the decoded text would be (by the word `model`
 * too, when given), with the decoded payload as evidence.
 */
export function encodedFindings(text: string, engine: Engine, limits: DecodeLimits, model?: LoadedModel): Finding[] {
  const budget = { left: limits.maxDecodedBytes };
  const out: Finding[] = [];
  for (const seg of findEncoded(text, budget.left)) {
    budget.left -= seg.decoded.length;
    const inner = scanDecoded(seg, engine, limits.maxDepth - 1, budget, model);
    if (inner.score === 0) continue;
    out.push({
      ruleId: `heuristic/encoded-${seg.kind}`,
      category: 'encoded-injection',
      severity: 'high',
      score: inner.score,
      start: seg.start,
      end: seg.end,
      view: 'raw',
      evidence: `${[seg.kind, ...inner.chain].join(' → ')}: ${truncate(inner.payload)}`,
    });
  }
  return out;
}

/** The injection score of a decoded payload, decoding further while depth and budget last. */
function scanDecoded(
  { decoded, kind, garbled }: EncodedSegment,
  engine: Engine,
  depth: number,
  budget: { left: number },
  model: LoadedModel | undefined,
): { score: number; payload: string; chain: string[] } {
  // Decoded text gets the rules, the gibberish check and the repetition check: an encoded GCG
  // suffix, or token run before a request, is still one. Not the gibberish check on forwards
  // text turned round (`garbled`), which reads as gibberish without being any.
  const views = textViews(decoded);
  const found = engine.findAll(views);
  const suffix = garbled === true ? null : adversarialSuffix(decoded);
  const repeated = repeatedTokens(decoded);
  for (const f of [suffix, repeated]) if (f !== null) found.push(f);
  const lexical = model === undefined ? null : lexicalFinding(decoded, views.get('fold').text, model);
  if (lexical !== null) found.push(lexical);
  let score = injectionScore(found);
  let payload = decoded;
  const chain: string[] = [];
  if (depth > 0 && budget.left > 0) {
    for (const seg of findEncoded(decoded, budget.left)) {
      // Reversing twice gives back the text that was scanned as it stood.
      if (kind === 'reversed' && seg.kind === 'reversed') continue;
      budget.left -= seg.decoded.length;
      const inner = scanDecoded(seg, engine, depth - 1, budget, model);
      if (inner.score > score) {
        score = inner.score;
        payload = inner.payload;
        chain.splice(0, chain.length, seg.kind, ...inner.chain);
      }
    }
  }
  return { score, payload, chain };
}
