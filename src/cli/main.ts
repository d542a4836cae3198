import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Engine } from '../engine/engine.js';
import { SEVERITIES, type Severity } from '../engine/pack.js';
import { isPromptwardError } from '../errors.js';
import type { GuardConfig } from '../guard/config.js';
import type { Redactor } from '../redact/redactor.js';
import type { InjectionContext } from '../scanners/injection/types.js';
import { applySegments } from '../validate/apply.js';
import { isThirdParty } from '../validate/segment.js';
import { validateRequest } from '../validate/validate.js';
import { cliRedactor, loadConfig, scanEngine } from './config.js';
import { resolveSources, type Source } from './inputs.js';
import { maskedSnippet } from './mask.js';
import { jsonLines, recordText } from './records.js';
import { type SourceFindings, toSarif } from './sarif.js';
import { type LocatedFinding, scanChunks } from './windows.js';

const USAGE = `usage: promptward scan   [files, globs or - for stdin] [options]
       promptward redact [files, globs or - for stdin] [options]

scan reports findings; redact writes the input with secrets and PII replaced.

options:
  --input text|jsonl|chat  text (default): each file is one text, streamed in chunks;
                           jsonl: one text per line, a JSON string or an object with "text";
                           chat: one chat request per line (OpenAI, Anthropic or AI SDK shape)
  --format text|json|sarif scan's output (default text)
  --fail-on SEVERITY       scan exits 1 when a finding is at or above it:
                           info, low, medium (default), high, critical
  --context message|document
                           scan reads its texts as a user's own (message, default) or as
                           third-party content (document: web pages, e-mails, files, tool
                           results), which adds the rules for instructions aimed at the
                           reading assistant; chat input reads tool results and attached
                           documents as documents either way
  --config FILE            the guard's JSON config (packs, disable, redaction operators, hashKey)
  -h, --help               this text

exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or input`;

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

interface Options {
  input: 'text' | 'jsonl' | 'chat';
  format: 'text' | 'json' | 'sarif';
  failOn: Severity;
  context: InjectionContext;
  config: GuardConfig;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process);
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        input: { type: 'string', default: 'text' },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'medium' },
        context: { type: 'string', default: 'message' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help === true || command === undefined) {
    (values.help === true ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return values.help === true ? 0 : 2;
  }
  const problems = [
    command !== 'scan' && command !== 'redact' ? `unknown command ${JSON.stringify(command)}` : '',
    !['text', 'jsonl', 'chat'].includes(values.input) ? '--input must be text, jsonl or chat' : '',
    !['text', 'json', 'sarif'].includes(values.format) ? '--format must be text, json or sarif' : '',
    !SEVERITIES.includes(values['fail-on'] as Severity) ? `--fail-on must be one of ${SEVERITIES.join(', ')}` : '',
    !['message', 'document'].includes(values.context) ? '--context must be message or document' : '',
  ].filter((p) => p !== '');
  if (problems.length > 0) {
    io.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  try {
    const options: Options = {
      input: values.input as Options['input'],
      format: values.format as Options['format'],
      failOn: values['fail-on'] as Severity,
      context: values.context as InjectionContext,
      config: loadConfig(values.config),
    };
    const sources = await resolveSources(args, io.stdin);
    return command === 'scan' ? await scan(sources, options, io) : await redact(sources, options, io);
  } catch (error) {
    io.stderr.write(`promptward: ${isPromptwardError(error) ? `${error.code}: ${error.message}` : String(error)}\n`);
    return 2;
  }
}

/**
 * The findings of one source, located by line and column (and, for chat requests, the text's
 * path); `engineFor` gives the engine of a context.
 */
async function* findingsOf(
  source: Source,
  options: Options,
  engineFor: (context: InjectionContext) => Engine,
  io: CliIo,
): AsyncGenerator<LocatedFinding> {
  if (options.input === 'text') {
    const engine = engineFor(options.context);
    const overlap = Math.max(4096, ...engine.rules.map((r) => r.rule.maxLength ?? 0));
    yield* scanChunks(progress(source, io), engine, overlap);
    return;
  }
  for await (const record of jsonLines(source)) {
    const texts =
      options.input === 'jsonl'
        ? [{ text: recordText(source, record), path: undefined, context: options.context }]
        : validateRequest(record.value).segments.map((s) => ({
            text: s.text,
            path: s.path.join('.'),
            context: isThirdParty(s) ? ('document' as const) : options.context,
          }));
    for (const { text, path, context } of texts) {
      for (const f of engineFor(context).scan(text, { maxChars: Number.MAX_SAFE_INTEGER }).findings) {
        yield { ...f, line: record.line, column: f.start + 1, text: text.slice(f.start, f.end), ...(path === undefined ? {} : { path }) };
      }
    }
  }
}

async function scan(sources: Source[], options: Options, io: CliIo): Promise<number> {
  const engines = new Map<InjectionContext, Engine>();
  const engineFor = (context: InjectionContext): Engine => {
    let engine = engines.get(context);
    if (engine === undefined) {
      engine = scanEngine(options.config, context);
      engines.set(context, engine);
    }
    return engine;
  };
  const all: SourceFindings[] = [];
  let worst = -1;
  for (const source of sources) {
    const found: LocatedFinding[] = [];
    for await (const f of findingsOf(source, options, engineFor, io)) {
      worst = Math.max(worst, SEVERITIES.indexOf(f.severity));
      if (options.format === 'text') io.stdout.write(textLine(source.name, f));
      found.push(f);
    }
    all.push({ source: source.name, findings: found });
  }
  if (options.format === 'json') {
    const out = all.map((s) => ({ source: s.source, findings: s.findings.map(({ text, ...f }) => ({ ...f, snippet: maskedSnippet(f, text) })) }));
    io.stdout.write(`${JSON.stringify({ sources: out }, null, 2)}\n`);
  } else if (options.format === 'sarif') {
    io.stdout.write(`${JSON.stringify(toSarif(all, version()), null, 2)}\n`);
  }
  return worst >= SEVERITIES.indexOf(options.failOn) ? 1 : 0;
}

/** Writes each source redacted: text streamed through a redacting pass; JSONL records one by one. */
async function redact(sources: Source[], options: Options, io: CliIo): Promise<number> {
  const redactor: Redactor = cliRedactor(options.config);
  for (const source of sources) {
    if (options.input === 'text') {
      const pass = redactor.pass();
      for await (const chunk of progress(source, io)) io.stdout.write((await pass.push(chunk)).text);
      io.stdout.write((await pass.end()).text);
      continue;
    }
    for await (const record of jsonLines(source)) {
      const scope = `${source.name}:${record.line}`;
      if (options.input === 'jsonl') {
        const { text } = await redactor.redact(recordText(source, record), { scope });
        const value = typeof record.value === 'string' ? text : { ...(record.value as object), text };
        io.stdout.write(`${JSON.stringify(value)}\n`);
        continue;
      }
      const { request, segments } = validateRequest(record.value);
      const replacements = [];
      for (const s of segments) replacements.push({ path: s.path, text: (await redactor.redact(s.text, { scope })).text });
      io.stdout.write(`${JSON.stringify(applySegments(request, replacements))}\n`);
    }
  }
  return 0;
}

function textLine(source: string, f: LocatedFinding): string {
  const where = f.path === undefined ? `${f.line}:${f.column}` : `${f.line} ${f.path}:${f.column}`;
  return `${source}:${where}  ${f.severity.padEnd(8)} ${f.ruleId}  ${f.entity ?? f.category}  ${JSON.stringify(maskedSnippet(f, f.text))}\n`;
}

/** The source's chunks, with a progress line on a terminal's stderr for inputs over 8 MB. */
async function* progress(source: Source, io: CliIo): AsyncGenerator<string> {
  const show = io.stderr.isTTY === true && (source.size ?? 0) > 8 << 20;
  let done = 0;
  for await (const chunk of source.chunks()) {
    done += Buffer.byteLength(chunk);
    if (show) io.stderr.write(`\r${source.name}: ${Math.min(100, Math.floor((100 * done) / source.size!))}% (${(done / 1e6).toFixed(0)} MB)`);
    yield chunk;
  }
  if (show) io.stderr.write('\n');
}

/** The package's version, from the nearest package.json above this file (in src/ or in dist/). */
function version(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'promptward' && pkg.version !== undefined) return pkg.version;
    } catch {
      // No package.json here; look one level up.
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}
