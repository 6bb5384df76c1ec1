import { VRM_RULES } from './vrm-rules.js';
import type { IsoDate } from './uk-time.js';

/**
 * Current-format (2001–) age identifiers: the two digits show when the mark
 * was issued — "02" = March 2002, "52" = September 2002, "51" = September
 * 2001 (the first), "00" = March 2050 (DVLA INF104).
 *
 * Returns the date the identifier was first issued, or null when it names no
 * half-year of the scheme ("01" and "50" would be before September 2001).
 */
export function ageIdentifierIssueDate(digits: string): IsoDate | null {
  if (!/^\d\d$/.test(digits)) return null;
  const n = Number(digits);
  const rules = VRM_RULES.current;
  let year: number;
  let month: number;
  if (n === 0) {
    year = 2050;
    month = rules.marchMonth;
  } else if (n < 50) {
    year = 2000 + n;
    month = rules.marchMonth;
  } else {
    year = 2000 + n - 50;
    month = rules.septemberMonth;
  }
  const date = `${year}-${String(month).padStart(2, '0')}-01`;
  return date < rules.firstIssue ? null : date;
}

/**
 * Whether the identifier had been issued by the UK date `asOf`: a read of
 * "AB99 CDE" before September 2049 is not a real mark.
 */
export function isAgeIdentifierIssued(digits: string, asOf: IsoDate): boolean {
  const issued = ageIdentifierIssueDate(digits);
  return issued !== null && issued <= asOf;
}
