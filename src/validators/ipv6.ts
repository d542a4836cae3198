const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * `ipv6`: the value is a textual IPv6 address as RFC 4291 §2.2 defines it: eight groups of
 * 1–4 hex digits, or fewer with exactly one `::` standing for the missing zero groups, the
 * last 32 bits optionally written as a dotted IPv4 address. Times (`12:20:39`) and MAC
 * addresses have too few groups and fail. A digit is required too: without one, `::` and
 * scope operators between hex-letter names (`Abc::Def`) would pass as addresses.
 *
 * @example
 * ipv6('2001:db8::8a2e:370:7334', undefined, ctx); // true
 */
export function ipv6(value: string): boolean {
  if (!/\d/.test(value)) return false;
  let groups = 8;
  let body = value;
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    if (!DOTTED_QUAD.test(body.slice(lastColon + 1))) return false;
    // The dotted quad fills two groups; one placeholder group stands for it, one is counted here.
    body = body.slice(0, lastColon + 1) + '0';
    groups = 7;
  }
  const gap = body.indexOf('::');
  if (gap !== body.lastIndexOf('::') || body.includes(':::')) return false;
  if (gap < 0) {
    const parts = body.split(':');
    return parts.length === groups && parts.every((p) => HEX_GROUP.test(p));
  }
  const head = body.slice(0, gap);
  const tail = body.slice(gap + 2);
  const parts = [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
  return parts.length < groups && parts.every((p) => HEX_GROUP.test(p));
}
