import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUILTIN_PACKS } from '../builtins.js';
import { compile, type Engine } from '../engine/engine.js';
import { SEVERITIES, type Severity } from '../engine/pack.js';
import { InvalidInputError, isPromptwardError } from '../errors.js';
import { resolveSources, type Source } from './inputs.js';
import { maskedSnippet } from './mask.js';
import { type SourceFindings, toSarif } from './sarif.js';
import { type LocatedFinding, scanChunks } from './windows.js';

const USAGE = `usage: promptward scan [files, globs or - for stdin] [options]

options:
  --input text|jsonl     text (default): each file is one text, streamed in chunks;
                         jsonl: one text per line, a JSON string or an object with "text"
  --format text|json|sarif   output format (default text)
  --fail-on SEVERITY     exit 1 when a finding is at or above it: info, low, medium (default), high, critical
  --config FILE          a JSON config: { "packs": [ ...custom packs ], "builtins": true, "disable": [ ...rule ids or categories ] }
  -h, --help             this text

exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or input`;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
}

/** Config file of the CLI. */
interface CliConfig {
  packs?: unknown[];
  builtins?: boolean;
  disable?: string[];
}

function loadEngine(configPath: string | undefined): Engine {
  if (configPath === undefined) return compile(BUILTIN_PACKS);
  let config: CliConfig;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8')) as CliConfig;
  } catch (error) {
    throw new InvalidInputError(`cannot read config ${configPath}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof config !== 'object' || config === null) throw new InvalidInputError(`config ${configPath} must be a JSON object`);
  const packs = [...(config.builtins === false ? [] : BUILTIN_PACKS), ...(config.packs ?? [])];
  return compile(packs, { disable: config.disable ?? [] });
}

/** The longest match any rule can make, bounding the overlap between streamed windows. */
function overlapOf(engine: Engine): number {
  return Math.max(4096, ...engine.rules.map((r) => r.rule.maxLength ?? 0));
}

async function* texts(source: Source, mode: string): AsyncGenerator<{ chunks: AsyncIterable<string> | Iterable<string>; line: number }> {
  if (mode === 'text') {
    yield { chunks: source.chunks(), line: 1 };
    return;
  }
  let n = 0;
  for await (const line of source.lines()) {
    n++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InvalidInputError(`${source.name}:${n}: not a JSON line`);
    }
    const text = typeof value === 'string' ? value : (value as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') throw new InvalidInputError(`${source.name}:${n}: expected a JSON string or an object with a "text" string`);
    yield { chunks: [text], line: n };
  }
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
  const failOn = values['fail-on'] as Severity;
  const problems = [
    command !== 'scan' ? `unknown command ${JSON.stringify(command)}` : '',
    !['text', 'jsonl'].includes(values.input) ? `--input must be text or jsonl` : '',
    !['text', 'json', 'sarif'].includes(values.format) ? `--format must be text, json or sarif` : '',
    !SEVERITIES.includes(failOn) ? `--fail-on must be one of ${SEVERITIES.join(', ')}` : '',
  ].filter((p) => p !== '');
  if (problems.length > 0) {
    io.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  try {
    const engine = loadEngine(values.config);
    const overlap = overlapOf(engine);
    const all: SourceFindings[] = [];
    let worst = -1;
    for (const source of await resolveSources(args, io.stdin)) {
      const found: LocatedFinding[] = [];
      for await (const { chunks, line } of texts(source, values.input)) {
        for await (const f of scanChunks(progress(chunks, source, io), engine, overlap)) {
          const located = line === 1 ? f : { ...f, line: line + f.line - 1 };
          worst = Math.max(worst, SEVERITIES.indexOf(f.severity));
          if (values.format === 'text') io.stdout.write(textLine(source.name, located));
          found.push(located);
        }
      }
      all.push({ source: source.name, findings: found });
    }
    if (values.format === 'json') {
      const out = all.map((s) => ({ source: s.source, findings: s.findings.map(({ text, ...f }) => ({ ...f, snippet: maskedSnippet(f, text) })) }));
      io.stdout.write(`${JSON.stringify({ sources: out }, null, 2)}\n`);
    } else if (values.format === 'sarif') {
      io.stdout.write(`${JSON.stringify(toSarif(all, version()), null, 2)}\n`);
    }
    return worst >= SEVERITIES.indexOf(failOn) ? 1 : 0;
  } catch (error) {
    io.stderr.write(`promptward: ${isPromptwardError(error) ? `${error.code}: ${error.message}` : String(error)}\n`);
    return 2;
  }
}

function textLine(source: string, f: LocatedFinding): string {
  return `${source}:${f.line}:${f.column}  ${f.severity.padEnd(8)} ${f.ruleId}  ${f.entity ?? f.category}  ${JSON.stringify(maskedSnippet(f, f.text))}\n`;
}

/** Passes chunks through, writing a progress line on a terminal's stderr for inputs over 8 MB. */
async function* progress(chunks: AsyncIterable<string> | Iterable<string>, source: Source, io: CliIo): AsyncGenerator<string> {
  const show = io.stderr.isTTY === true && (source.size ?? 0) > 8 << 20;
  let done = 0;
  for await (const chunk of chunks) {
    done += Buffer.byteLength(chunk);
    if (show) io.stderr.write(`\rscanning ${source.name}: ${Math.min(100, Math.floor((100 * done) / source.size!))}% (${(done / 1e6).toFixed(0)} MB)`);
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
