import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

/** Each adapter example, and what its output must show. */
const EXAMPLES: Record<string, RegExp[]> = {
  openai: [/answer: {3}Sure\. Mail \[EMAIL_1\] and use the key \[AWS_ACCESS_KEY_ID_1\]/, /model saw: .*\[EMAIL_1\]/, /streamed: Noted, I will write to bob@corp\.example\.com/, /refused: {2}400 PW_BLOCKED/],
  anthropic: [/answer: {3}Sure\. Mail \[EMAIL_1\]/, /tokens: {3}50 charged/],
  fetch: [/streamed: Sure\. Mail \[EMAIL_1\]/, /key leaked: false/, /refused: {2}429 retry-after=\d+ ratelimit="requests";r=0;t=\d+/],
  'ai-sdk': [/generated: Sure\. Mail \[EMAIL_1\]/, /streamed: {2}Noted, I will write to bob@corp\.example\.com/, /cut: {7}PW_BLOCKED/],
  express: [/^200 .*bob@corp\.example\.com/m, /^400 .*PW_BLOCKED/m, /^429 ratelimit="requests";r=0/m],
  fastify: [/^200 Sure\. Mail \[EMAIL_1\]/m, /^200 Noted, I will write to bob@corp\.example\.com/m, /^400 PW_BLOCKED/m],
};

describe('examples run and show what they promise', () => {
  it.concurrent.each(Object.keys(EXAMPLES))('examples/%s.ts exits 0', async (name) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/${name}.ts`], { cwd: root, timeout: 45_000 });
    for (const pattern of EXAMPLES[name]!) expect(stdout).toMatch(pattern);
  }, 50_000);
});
