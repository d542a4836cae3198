import { describe, expect, it } from 'vitest';
import { jwtHeader } from '../../src/validators/jwt.js';

const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('jwtHeader', () => {
  it('accepts a token whose header is JSON naming an alg', () => {
    expect(jwtHeader(`${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1"}')}.c2lnbmF0dXJl`)).toBe(true);
  });

  it('rejects headers that are not JSON, not objects, or lack an alg', () => {
    expect(jwtHeader(`${b64url('{"typ":"JWT"}')}.e30.c2ln`)).toBe(false);
    expect(jwtHeader(`${b64url('[1,2]')}.e30.c2ln`)).toBe(false);
    expect(jwtHeader('eyJub3QganNvbg.e30.c2ln')).toBe(false);
    expect(jwtHeader('nodots')).toBe(false);
  });
});
