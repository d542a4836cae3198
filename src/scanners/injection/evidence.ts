/** Longest evidence string a heuristic attaches to a finding, in UTF-16 units. */
const MAX_EVIDENCE = 120;

/** `s` cut to {@link MAX_EVIDENCE} characters with an ellipsis, with control characters shown as spaces. */
export function truncate(s: string): string {
  const flat = s.replace(/[\x00-\x1F\x7F]+/g, ' ');
  return flat.length <= MAX_EVIDENCE ? flat : `${flat.slice(0, MAX_EVIDENCE)}…`;
}
