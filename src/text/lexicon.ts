/** The English words of {@link LEXICON}. */
const ENGLISH = [
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
];

/** The English words of the lexicon: those the fold view corrects typos of. */
export const ENGLISH_LEXICON: ReadonlySet<string> = new Set(ENGLISH.join(' ').split(' '));

/**
 * Words that instructions to a model are made of and that a writer splits or misspells to hide
 * them (`ig-nore`, `in*struc*tions`, `sys<!-- -->tem`, `ignroe`, `prommpt`). Written for this list,
 * in lower case: the verbs and nouns of overriding, role-play, extraction and the harm asked for,
 * in English and in the main languages of the rule packs. The fold view reads a split word back
 * only into one of these, so a compound (`well-known`, `e-mail`) stays as written, and corrects
 * a typo only into one of the English ones (see `typos.ts`).
 */
export const LEXICON: ReadonlySet<string> = new Set(
  [
    ...ENGLISH,
    // The same in other languages.
    'ignora ignorar ignorez ignoriere ignoriert ignoreer olvida oublie vergiss dimentica esqueça negeer',
    'instrucciones instrucoes instruções istruzioni anweisungen anweisung instructies consignes',
    'anteriores précédentes vorherigen precedenti vorige',
    'игнорируй инструкции забудь',
  ]
    .join(' ')
    .split(' '),
);
