import { describe, expect, it } from 'vitest';
import { ipv6 } from '../../src/validators/ipv6.js';

describe('ipv6', () => {
  it('accepts the RFC 4291 text forms: full, compressed, with a dotted IPv4 tail', () => {
    for (const v of ['2001:db8:0:0:8:800:200c:417a', '2001:db8::8a2e:370:7334', '::1', 'fe80::', '::ffff:192.0.2.128', '64:ff9b::192.0.2.33', '1:2:3:4:5:6:192.0.2.1']) {
      expect(ipv6(v), v).toBe(true);
    }
  });

  it('rejects too many or too few groups, two gaps, long groups, bad tails and digit-free text', () => {
    for (const v of ['1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1::2::3', '12345::1', '::ffff:192.0.2.256', '1:2:3:4:5:6:7:192.0.2.1', '12:20:39', '00:1a:2b:3c:4d:5e', 'abc::def', '::']) {
      expect(ipv6(v), v).toBe(false);
    }
  });
});
