const TABLE = /* @__PURE__ */ (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The CRC-32 (IEEE 802.3, as zlib computes it) of the ASCII string `text`. */
export function crc32(text: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = TABLE[(c ^ text.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** `n` in base 62 (digits, then upper case, then lower case), left-padded with `0` to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62]! + out;
  return out.padStart(width, '0');
}

/**
 * `crc32:base62` or `crc32:hex`: the token ends in a CRC-32 of its random part.
 *
 * The random part is what lies between the prefix (everything up to the first `_`) and the
 * checksum. GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) append 6 base-62
 * characters; Cloudflare (`cfut_`, `cfat_`, `cfk_`) appends 8 lower-case hex digits. A token
 * with one character changed fails, which separates real tokens from look-alikes.
 *
 * @example
 * crc32Token('npm_' + body + base62(crc32(body), 6), 'base62'); // true
 */
export function crc32Token(value: string, arg: string | undefined): boolean {
  const hex = arg === 'hex';
  const width = hex ? 8 : 6;
  const start = value.indexOf('_') + 1;
  if (start === 0 || value.length - start <= width) return false;
  const body = value.slice(start, value.length - width);
  const sum = crc32(body);
  const expected = hex ? sum.toString(16).padStart(8, '0') : base62(sum, 6);
  return value.slice(value.length - width) === expected;
}
