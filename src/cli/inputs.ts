import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { glob } from 'tinyglobby';
import { InvalidInputError } from '../errors.js';

/** One input of the CLI: a file, or stdin as `-`. */
export interface Source {
  name: string;
  /** Size in bytes when known (files), for the progress line. */
  size: number | undefined;
  /** The text in chunks of about `chunkSize` characters, decoded as UTF-8. */
  chunks(): AsyncIterable<string>;
  /** The text line by line (for JSONL). */
  lines(): AsyncIterable<string>;
}

const CHUNK = 1 << 20;

function fromStream(name: string, size: number | undefined, open: () => NodeJS.ReadableStream): Source {
  return {
    name,
    size,
    async *chunks() {
      const stream = open();
      stream.setEncoding('utf8');
      for await (const chunk of stream) yield chunk as string;
    },
    lines() {
      return createInterface({ input: open(), crlfDelay: Infinity });
    },
  };
}

/**
 * The sources named on the command line: files, globs (expanded, sorted), or `-` / nothing for
 * stdin. A name that matches no file is an error, not silence.
 */
export async function resolveSources(args: string[], stdin: NodeJS.ReadableStream): Promise<Source[]> {
  if (args.length === 0 || (args.length === 1 && args[0] === '-')) return [fromStream('-', undefined, () => stdin)];
  const out: Source[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push(fromStream('-', undefined, () => stdin));
      continue;
    }
    const files = /[*?[\]{}]/.test(arg) ? (await glob(arg, { onlyFiles: true, dot: false })).sort() : [arg];
    if (files.length === 0) throw new InvalidInputError(`no file matches ${JSON.stringify(arg)}`);
    for (const file of files) {
      let size: number;
      try {
        const st = statSync(file);
        if (!st.isFile()) throw new InvalidInputError(`${file} is not a file`);
        size = st.size;
      } catch (error) {
        if (error instanceof InvalidInputError) throw error;
        throw new InvalidInputError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
      }
      out.push(fromStream(file, size, () => createReadStream(file, { highWaterMark: CHUNK })));
    }
  }
  return out;
}
