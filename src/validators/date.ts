const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function notFuture(year: number, month: number, day: number, now: Date): boolean {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  return year < y || (year === y && (month < m || (month === m && day <= now.getUTCDate())));
}

/**
 * The (year, month, day) readings of a written date: `1985-03-12`, `12/03/1985` (day first or
 * month first, both are tried), `12.03.1985`, `12 March 1985`, `March 12th, 1985`.
 */
function readings(value: string): [number, number, number][] {
  const numeric = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$/.exec(value);
  if (numeric !== null) {
    const [a, b, c] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    if (numeric[1]!.length === 4) return [[a, b, c]];
    if (numeric[3]!.length === 4) return [[c, b, a], [c, a, b]];
    return [];
  }
  const words = value.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
  const numbers = words.filter((w) => /^\d/.test(w)).map(Number);
  const month = MONTHS.findIndex((m) => words.some((w) => w.startsWith(m)));
  const year = numbers.find((n) => n >= 1000);
  const day = numbers.find((n) => n < 100);
  return month < 0 || year === undefined || day === undefined ? [] : [[year, month + 1, day]];
}

/**
 * `date` or `date:MIN_YEAR`: the value is a real calendar date (no 31 April, 29 February only
 * in leap years) that is not in the future and not before `MIN_YEAR` (default 1900), as a
 * date of birth must be.
 *
 * @example
 * date('1985-02-29', undefined, ctx); // false: 1985 is not a leap year
 * date('12 March 1985', undefined, ctx); // true
 */
export function date(value: string, arg: string | undefined): boolean {
  const minYear = arg === undefined ? 1900 : Number(arg);
  const now = new Date();
  return readings(value).some(([y, m, d]) => y >= minYear && isCalendarDate(y, m, d) && notFuture(y, m, d, now));
}
