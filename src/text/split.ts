import { type TextView, ViewBuilder } from './view.js';

/**
 * Words that instructions to a model are made of and that a writer splits to hide them
 * (`ig-nore`, `in*struc*tions`, `pro.mpt`, `sys<!-- -->tem`). Written for this list, in lower
 * case: the verbs and nouns of overriding, role-play, extraction and the harm asked for, in
 * English and in the main languages of the rule packs. A split word joins back only into one of
 * these, so a compound (`well-known`, `e-mail`) stays as written.
 */
const LEXICON = new Set(
  [
    // Overriding instructions.
    'ignore ignoring disregard forget forgetting override bypass circumvent previous preceding prior earlier above',
    'instruction instructions directive directives guideline guidelines rules restrictions restricted limitations',
    'policy policies programming constraints safeguards moderation censorship filter filters',
    // Persona and role-play jailbreaks.
    'pretend roleplay jailbreak jailbroken unrestricted unfiltered uncensored unlimited unbound developer persona',
    'character immoral amoral unethical anything everything refuse refusal disclaimer disclaimers warnings',
    'simulate simulation impersonate imitate hypothetical fictional scenario mode enabled activated unlocked',
    'respond responses response answer answers always never without whatever ethical ethics morals moral',
    'legal illegal legality offensive explicit harmful dangerous content generate output reply',
    // Extraction and leaks.
    'system prompt prompts reveal disclose repeat verbatim initial hidden confidential secret secrets password',
    'passwords credentials token tokens exfiltrate beginning conversation message messages',
    'assistant language model chatgpt openai anthropic training creators developers',
    // Harm asked for, and agents misused.
    'malware ransomware keylogger phishing exploit explosive explosives weapon weapons poison hacking',
    'execute command commands delete administrator',
    // The same in other languages.
    'ignora ignorar ignorez ignoriere ignoriert ignoreer olvida oublie vergiss dimentica esqueça negeer',
    'instrucciones instrucoes instruções istruzioni anweisungen anweisung instructies consignes',
    'anteriores précédentes vorherigen precedenti vorige',
    'игнорируй инструкции забудь',
  ]
    .join(' ')
    .split(' '),
);

/** What a writer puts inside a word to split it: a hyphen, a star, a dot, a middle dot, a bar or an underscore. */
const SEPARATOR = '[-*.·|_]';
/** Letters and separators in turn: where a split word may be. */
const SPLIT = new RegExp(`\\p{L}+(?:${SEPARATOR}\\p{L}+)+`, 'gu');
const PART = new RegExp(`(\\p{L}+)(${SEPARATOR})?`, 'gu');
/** A letter on each side of one of the separators: a plain class that spares most text the search. */
const MAY_SPLIT = /[A-Za-z\u00c0-\uffff][-*.·|_][A-Za-z\u00c0-\uffff]/;
/** Parts of a word, at most, that join back into one. */
const MOST_PARTS = 4;

/**
 * Words of {@link LEXICON} split inside read back whole (`ig-nore all pre*vious in.struc.tions`
 * → `ignore all previous instructions`): the separators are dropped between two to four parts
 * in a row that join into a word of the lexicon none of them is on its own.
 */
export function joinSplitWords(view: TextView): TextView {
  const text = view.text;
  if (!MAY_SPLIT.test(text)) return view;
  const cuts: number[] = [];
  SPLIT.lastIndex = 0;
  for (let m = SPLIT.exec(text); m !== null; m = SPLIT.exec(text)) {
    const parts: { word: string; end: number; sep: number }[] = [];
    PART.lastIndex = 0;
    for (let p = PART.exec(m[0]); p !== null; p = PART.exec(m[0])) {
      parts.push({ word: p[1]!.toLowerCase(), end: m.index + p.index + p[1]!.length, sep: p[2]?.length ?? 0 });
    }
    for (let i = 0; i < parts.length - 1; ) {
      let k = Math.min(MOST_PARTS, parts.length - i);
      for (; k >= 2; k--) {
        const group = parts.slice(i, i + k);
        if (LEXICON.has(group.map((p) => p.word).join('')) && !group.some((p) => LEXICON.has(p.word))) break;
      }
      if (k < 2) {
        i++;
        continue;
      }
      for (const p of parts.slice(i, i + k - 1)) cuts.push(p.end, p.end + p.sep);
      i += k;
    }
  }
  return cut(view, cuts);
}

/**
 * Short HTML or C comments between two characters of a word (letters, marks, digits, leet `@` and
 * `$`), with the emphasis and underscores beside them: nothing a writer puts inside a word but to split it.
 */
const COMMENT_IN_WORD = /(?<=[\p{L}\p{M}\p{N}@$])[*~_]*(?:<!--[^<>]{0,20}-->|\/\*[^*/]{0,20}\*\/)+[*~_]*(?=[\p{L}\p{M}\p{N}@$])/gu;

/**
 * Comments inside a word dropped (`sys<!-- -->tem` → `system`, `ig/**\/nore` → `ignore`). Before
 * look-alikes are folded, which read the word whole.
 */
export function dropCommentsInWords(view: TextView): TextView {
  const text = view.text;
  if (!text.includes('<!--') && !text.includes('/*')) return view;
  const cuts: number[] = [];
  COMMENT_IN_WORD.lastIndex = 0;
  for (let m = COMMENT_IN_WORD.exec(text); m !== null; m = COMMENT_IN_WORD.exec(text)) cuts.push(m.index, m.index + m[0].length);
  return cut(view, cuts);
}

/** `view` without the ranges `[cuts[2k], cuts[2k + 1])`, which are in order and disjoint. */
function cut(view: TextView, cuts: number[]): TextView {
  if (cuts.length === 0) return view;
  const builder = new ViewBuilder(view);
  let last = 0;
  for (let k = 0; k < cuts.length; k += 2) {
    builder.copy(last, cuts[k]!);
    last = cuts[k + 1]!;
  }
  builder.copy(last, view.text.length);
  return builder.build(view.name);
}
