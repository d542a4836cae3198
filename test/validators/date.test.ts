import { describe, expect, it } from 'vitest';
import { date } from '../../src/validators/date.js';

describe('date', () => {
  it('reads ISO, day/month/year in either order and month names', () => {
    for (const v of ['1985-03-12', '12/03/1985', '03/31/1985', '31.12.1999', '12 March 1985', 'March 12th, 1985', '4th of July 1976', '2000-02-29']) expect(date(v, undefined), v).toBe(true);
  });

  it('rejects impossible days, the future and years before the minimum', () => {
    for (const v of ['1985-02-29', '31/04/1990', '1900-02-29', '2999-01-01', '1899-12-31', '13/13/1985', '12 Smarch 1985']) expect(date(v, undefined), v).toBe(false);
    expect(date('1950-01-01', '1960')).toBe(false);
  });
});
