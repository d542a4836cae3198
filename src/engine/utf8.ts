/**
 * UTF-8 byte offsets back to UTF-16 indices. RE2 matches on a Buffer and reports byte
 * offsets; findings use JavaScript string indices. Built once per scanned text, only when
 * the text has a non-ASCII character and some rule hit.
 */
export function byteToUtf16Map(text: string, byteLength: number): Int32Array {
  const map = new Int32Array(byteLength + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let width: number;
    let units = 1;
    if (c < 0x80) width = 1;
    else if (c < 0x800) width = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        width = 4;
        units = 2;
      } else width = 3; // lone high surrogate: encoded as U+FFFD
    } else width = 3; // BMP, or a lone surrogate encoded as U+FFFD
    for (let k = 0; k < width; k++) map[b + k] = i;
    b += width;
    i += units - 1;
  }
  map[b] = text.length;
  return map;
}
