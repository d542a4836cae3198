import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, estimateTokens, findControlCharacter, findLoneSurrogate, validateRequest } from '../../src/validate/index.js';
import { catchError } from './helpers.js';

const chat = (...contents: string[]) => ({ messages: contents.map((content) => ({ role: 'user', content })) });

describe('limits', () => {
  it('caps the number of messages, reporting the list path', () => {
    expect(validateRequest(chat('a', 'b'), { limits: { maxMessages: 2 } }).segments).toHaveLength(2);
    const error = catchError(() => validateRequest(chat('a', 'b', 'c'), { limits: { maxMessages: 2 } }));
    expect(error.code).toBe('PW_INPUT_TOO_LARGE');
    expect(error.statusCode).toBe(413);
    expect(error.issues).toEqual([{ path: ['messages'], message: '3 messages, more than the limit of 2' }]);
  });

  it('counts Responses input items and a bare AI SDK list as messages', () => {
    expect(catchError(() => validateRequest({ input: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] }, { limits: { maxMessages: 1 } })).issues[0]!.path).toEqual(['input']);
    expect(catchError(() => validateRequest([{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }], { limits: { maxMessages: 1 } })).issues[0]!.path).toEqual([]);
  });

  it('caps characters per message, all parts of the message together', () => {
    const body = { messages: [{ role: 'user', content: [{ type: 'text', text: 'aaa' }, { type: 'text', text: 'bbb' }] }, { role: 'user', content: 'cccccc' }] };
    expect(() => validateRequest(body, { limits: { maxMessageChars: 6 } })).not.toThrow();
    const error = catchError(() => validateRequest({ ...body, messages: [...body.messages, { role: 'user', content: 'ddddddd' }] }, { limits: { maxMessageChars: 6 } }));
    expect(error.issues).toEqual([{ path: ['messages', 2], message: '7 characters in one message, more than the limit of 6' }]);
  });

  it('counts a top-level system prompt as its own message', () => {
    const error = catchError(() =>
      validateRequest({ system: [{ type: 'text', text: 'aaaa' }, { type: 'text', text: 'bbbb' }], messages: [] }, { format: 'anthropic', limits: { maxMessageChars: 5 } }),
    );
    expect(error.issues.map((i) => i.path)).toEqual([['system']]);
  });

  it('caps characters in total', () => {
    expect(() => validateRequest(chat('aaaa', 'bbbb'), { limits: { maxTotalChars: 8 } })).not.toThrow();
    const error = catchError(() => validateRequest(chat('aaaa', 'bbbbb'), { limits: { maxTotalChars: 8 } }));
    expect(error.issues).toEqual([{ path: [], message: '9 characters in all, more than the limit of 8' }]);
  });

  it('caps estimated tokens', () => {
    expect(() => validateRequest(chat('a'.repeat(40)), { limits: { maxEstimatedTokens: 10 } })).not.toThrow();
    const error = catchError(() => validateRequest(chat('漢字漢字漢字漢字漢字漢'), { limits: { maxEstimatedTokens: 10 } }));
    expect(error.issues).toEqual([{ path: [], message: 'about 11 tokens, more than the limit of 10' }]);
  });

  it('lets Infinity turn a size limit off and has generous defaults', () => {
    const many = chat(...Array.from({ length: DEFAULT_LIMITS.maxMessages + 1 }, () => 'x'));
    expect(() => validateRequest(many)).toThrow();
    expect(() => validateRequest(many, { limits: { maxMessages: Infinity } })).not.toThrow();
  });

  it('rejects a malformed limits option as a config error', () => {
    const error = catchError(() => validateRequest(chat('a'), { limits: { maxMessages: -1 } }));
    expect(error.code).toBe('PW_CONFIG');
    expect(error.issues[0]!.path).toEqual(['limits', 'maxMessages']);
  });
});

describe('characters', () => {
  it('rejects NUL and other C0 controls, saying where', () => {
    const error = catchError(() =>
      validateRequest({ messages: [{ role: 'user', content: 'ok\tok\r\nok' }, { role: 'user', content: [{ type: 'text', text: 'a\u0000b\u001b[31m\u0000' }] }] }),
    );
    expect(error.code).toBe('PW_INVALID_INPUT');
    expect(error.statusCode).toBe(400);
    expect(error.issues).toEqual([{ path: ['messages', 1, 'content', 0, 'text'], message: 'control character U+0000 at index 1 (3 in this text)' }]);
  });

  it('rejects lone surrogates but not pairs', () => {
    expect(() => validateRequest(chat('emoji 😀 ok'))).not.toThrow();
    const error = catchError(() => validateRequest(chat('fine', 'bad \uDE00 low', 'bad \uD83D')));
    expect(error.issues).toEqual([
      { path: ['messages', 1, 'content'], message: 'lone surrogate U+DE00 at index 4' },
      { path: ['messages', 2, 'content'], message: 'lone surrogate U+D83D at index 4' },
    ]);
  });

  it('checks tool call inputs and tool results too', () => {
    const error = catchError(() =>
      validateRequest({
        model: 'claude',
        max_tokens: 5,
        messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n', input: { q: 'x\u0007' } }] }],
      }),
    );
    expect(error.issues[0]!.path).toEqual(['messages', 0, 'content', 0, 'input', 'q']);
  });

  it('can allow control characters and lone surrogates', () => {
    expect(() => validateRequest(chat('a\u0000', '\uD800'), { limits: { controlCharacters: 'allow', loneSurrogates: 'allow' } })).not.toThrow();
  });

  it('reports bad characters and sizes together as invalid input', () => {
    const error = catchError(() => validateRequest(chat('\u0000bc'), { limits: { maxTotalChars: 2 } }));
    expect(error.code).toBe('PW_INVALID_INPUT');
    expect(error.issues.map((i) => i.message)).toEqual(['control character U+0000 at index 0', '3 characters in all, more than the limit of 2']);
  });

  it('finds the first hit and counts the rest', () => {
    expect(findControlCharacter('plain\ttext\n')).toBeUndefined();
    expect(findControlCharacter('\u007f is DEL, not C0')).toBeUndefined();
    expect(findControlCharacter('x\u0001y\u0002')).toEqual({ index: 1, char: '\u0001', count: 2 });
    expect(findLoneSurrogate('\uD83D\uDE00')).toBeUndefined();
    expect(findLoneSurrogate('\uDE00\uD83D')).toEqual({ index: 0, char: '\uDE00', count: 2 });
  });
});

describe('estimateTokens', () => {
  it('counts a quarter token per character, one per CJK character', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('a')).toBe(1);
    expect(estimateTokens('hello world')).toBe(3);
    expect(estimateTokens('你好世界')).toBe(4);
    expect(estimateTokens('こんにちは')).toBe(5);
    expect(estimateTokens('안녕하세요')).toBe(5);
    expect(estimateTokens('𠀀𠀀')).toBe(2);
    expect(estimateTokens('abcd你好')).toBe(3);
  });
});

describe('limits from JSON', () => {
  it('null turns a size limit off, as Infinity does', () => {
    const body = { model: 'm', messages: Array.from({ length: 3 }, () => ({ role: 'user', content: 'x' })) };
    expect(() => validateRequest(body, { limits: { maxMessages: 2 } })).toThrow();
    expect(validateRequest(body, { limits: { maxMessages: null } }).segments).toHaveLength(3);
  });
});
