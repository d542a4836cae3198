/** `size` characters of random base64 in lines of 76, like an encoded attachment, drawn from `rand`. */
export function base64Lines(size: number, rand: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < size; i++) out += i % 77 === 76 ? '\n' : alphabet[Math.floor(rand() * 64)];
  return out;
}
