/**
 * `jwt`: the first segment of a compact JWS/JWT decodes (base64url) to a JSON object that
 * names an `alg`, as RFC 7515 requires. Random `eyJ…` look-alikes fail.
 *
 * @example
 * jwtHeader('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ'); // true
 */
export function jwtHeader(value: string): boolean {
  const dot = value.indexOf('.');
  if (dot <= 0) return false;
  const segment = value.slice(0, dot).replace(/-/g, '+').replace(/_/g, '/');
  try {
    const header: unknown = JSON.parse(atob(segment.padEnd(Math.ceil(segment.length / 4) * 4, '=')));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}
