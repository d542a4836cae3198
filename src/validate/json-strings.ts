import type { RequestPath } from './segment.js';

/**
 * Calls `visit` for every string inside a JSON-like value (tool call inputs, JSON tool
 * results), with its path. Object keys are not visited: they are names the tool schema
 * fixed, not free text. Iterative, so a deeply nested value cannot overflow the stack,
 * and a value seen twice (a cycle in a hand-built object) is walked once.
 */
export function forEachString(value: unknown, path: RequestPath, visit: (text: string, path: RequestPath) => void): void {
  const stack: [unknown, RequestPath][] = [[value, path]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [current, at] = stack.pop()!;
    if (typeof current === 'string') {
      visit(current, at);
      continue;
    }
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    // Pushed in reverse so strings come out in document order.
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], [...at, i]]);
    } else if (isPlainObject(current)) {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push([(current as Record<string, unknown>)[key], [...at, key]]);
      }
    }
  }
}

/** Objects a JSON parser could have made; class instances (URL, Uint8Array, Date) are opaque. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
