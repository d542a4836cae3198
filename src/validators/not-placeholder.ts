/** Words that, alone or with a filler like `your_`, name the field instead of filling it. */
const FIELD_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'key', 'accesskey', 'secretkey',
  'username', 'user', 'changeme', 'changeit', 'example', 'sample', 'placeholder', 'redacted', 'dummy',
  'fake', 'test', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'string', 'value', 'empty',
  'default', 'hidden', 'masked', 'removed', 'notset', 'unset', 'tbd', 'todo',
]);

/** Fillers around a field word in documentation: `your_password`, `REPLACE_WITH_TOKEN`, `mySecret`. */
const FILLERS = /^(?:your|my|the|some|enter|insert|put|paste|replace|with|change|set|add|fill|new|example|sample|dummy|fake|test|default)+|(?:here|goes|value|placeholder|example|sample)+$/g;

/** Template and variable syntax: `${VAR}`, `{{ var }}`, `$(VAR)`, `<your-key>`, `%s`, `%(name)s`, `$VAR`, `{var}`, `[token]`. */
const TEMPLATE = /^(?:\$\{.*\}|\$\(.*\)|\{\{.*\}\}|\{[^{}]*\}|<[^<>]*>|\[[^[\]]*\]|%\(?\w*\)?[sd]|\$[A-Za-z_]\w*|#\{.*\}|@[A-Za-z_]\w*@|__\w+__)$/;

/** A dotted identifier path: `process.env.DB_PASS`, `config.secret`, `settings.API_KEY`. */
const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/**
 * `not-placeholder`: the value is not a stand-in for a secret.
 *
 * Rejects template syntax (`${VAR}`, `{{var}}`, `<your-key>`, `$(VAR)`, `%s`), masks
 * (`xxxx`, `****`, `....`, one character repeated), references to where the secret lives
 * (`process.env.X`), and words that name the field rather than fill it (`changeme`,
 * `password`, `your_api_key`, `REPLACE_WITH_PASSWORD`). Abbreviations such as `pass` or `pwd`
 * are kept: short real passwords look the same.
 *
 * @example
 * notPlaceholder('${DB_PASSWORD}', undefined, ctx); // false
 * notPlaceholder('hunter2-Blue', undefined, ctx); // true
 */
export function notPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0 || TEMPLATE.test(v) || IDENTIFIER_PATH.test(v)) return false;
  if (/^(.)\1+$/.test(v) || /^[xX*•.#-]{3,}$/.test(v) || /(?:xxxx|XXXX|\*\*\*|\.\.\.)/.test(v)) return false;
  const letters = v.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters.length === 0) return false;
  if (FIELD_WORDS.has(letters)) return false;
  const core = letters.replace(FILLERS, '');
  return !(core !== letters && (core === '' || FIELD_WORDS.has(core) || /^(?:api|access|secret|auth|db|database|app|client|private)?(?:password|passwd|pwd|pass|secret|token|key|apikey)$/.test(core)));
}
