import { InvalidInputError, type PromptwardIssue } from '../errors.js';
import { isPlainObject } from './json-strings.js';
import type { RequestPath } from './segment.js';

/** A text to write at a path: a {@link Segment} with a new `text`, or any `{ path, text }`. */
export interface SegmentReplacement {
  readonly path: readonly (string | number)[];
  readonly text: string;
}

/**
 * Copies plain objects and arrays all the way down. Other objects (Uint8Array, URL,
 * Buffer, Date in AI SDK file parts) are shared, not copied: they hold binary payloads,
 * never text a segment points at, and copying them is costly or impossible. An object
 * reached twice is copied twice, so each path of the copy can be written alone; only a
 * cycle (an object inside itself) is kept as a cycle.
 */
function deepCopy<T>(value: T, ancestors = new Map<object, unknown>()): T {
  if (typeof value !== 'object' || value === null) return value;
  const cycle = ancestors.get(value);
  if (cycle !== undefined) return cycle as T;
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  const copy: Record<string | number, unknown> = Array.isArray(value) ? [] : Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  ancestors.set(value, copy);
  for (const key of Object.keys(value)) define(copy, key, deepCopy((value as Record<string, unknown>)[key], ancestors));
  ancestors.delete(value);
  return copy as T;
}

function describe(path: RequestPath): string {
  return path.length === 0 ? 'the request' : path.map(String).join('.');
}

/**
 * Writes texts back into a deep copy of `request` at their paths, leaving the request
 * itself untouched. Each path must lead to a string, as segment paths do; a path that
 * does not is reported as an {@link InvalidInputError} with every bad path, and nothing is
 * written.
 *
 * @example
 * const { request, segments } = validateRequest(body);
 * const redacted = applySegments(request, segments.map((s) => ({ ...s, text: redact(s.text) })));
 */
export function applySegments<T>(request: T, replacements: readonly SegmentReplacement[]): T {
  const copy = deepCopy(request);
  const issues: PromptwardIssue[] = [];
  const writes: (() => void)[] = [];
  for (const { path, text } of replacements) {
    const target = parentOf(copy, path);
    const last = path.at(-1);
    if (target === undefined || last === undefined || typeof ownValue(target, last) !== 'string') {
      issues.push({ path: [...path], message: `${describe([...path])} is not a text in the request` });
      continue;
    }
    writes.push(() => define(target, last, text));
  }
  if (issues.length > 0) {
    throw new InvalidInputError(`cannot apply ${issues.length} segment(s): path not found`, { issues });
  }
  for (const write of writes) write();
  return copy;
}

/** Own properties only, so a path through "__proto__" or "constructor" finds nothing. */
function ownValue(container: object, key: string | number): unknown {
  return Object.hasOwn(container, key) ? (container as Record<string | number, unknown>)[key] : undefined;
}

/** The array or plain object holding the last key of `path`, if the path leads through containers. */
function parentOf(root: unknown, path: readonly (string | number)[]): object | undefined {
  let current = root;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(current)) return undefined;
    current = ownValue(current, key);
  }
  return isContainer(current) ? current : undefined;
}

// Defined rather than assigned: JSON.parse makes "__proto__" an own key, and assigning
// it would replace the copy's prototype instead of copying the key.
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const isContainer = (value: unknown): value is object => Array.isArray(value) || isPlainObject(value);
