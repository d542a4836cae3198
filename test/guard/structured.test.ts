import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isPromptwardError } from '../../src/errors.js';
import { extractJson, OutputSchemaError, parseStructured } from '../../src/guard/structured.js';

const Order = z.object({ id: z.string(), qty: z.number().int().positive() });

describe('structured output', () => {
  it('parses a bare JSON answer', async () => {
    await expect(parseStructured('{"id":"a1","qty":2}', Order)).resolves.toEqual({ id: 'a1', qty: 2 });
  });
  it('parses JSON from a fenced block inside prose', async () => {
    const answer = 'Here you go:\n```json\n{"id":"a1","qty":3}\n```\nAnything else?';
    await expect(parseStructured(answer, Order)).resolves.toEqual({ id: 'a1', qty: 3 });
  });
  it('parses JSON between the outermost braces', () => {
    expect(extractJson('Sure! {"a":[1,2]} Hope this helps.')).toEqual({ a: [1, 2] });
  });
  it('names each schema issue with its path', async () => {
    const err = await parseStructured('{"id":7,"qty":-1}', Order).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputSchemaError);
    const e = err as OutputSchemaError;
    expect(e.code).toBe('PW_OUTPUT_SCHEMA');
    expect(e.statusCode).toBe(502);
    expect(e.issues.map((i) => i.path)).toEqual([['id'], ['qty']]);
    expect(isPromptwardError(e)).toBe(true);
  });
  it('rejects an answer without JSON with a typed error', async () => {
    await expect(parseStructured('I cannot help with that.', Order)).rejects.toMatchObject({ code: 'PW_OUTPUT_SCHEMA' });
  });
});
