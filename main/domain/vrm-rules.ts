/**
 * The letter and number rules of each UK registration format, as data, so a
 * DVLA change is a one-line edit (source: DVLA, "Vehicle registration
 * numbers and number plates", INF104; DOMAIN §10).
 */
export const VRM_RULES = {
  current: {
    /** Area memory tag (first two letters) never uses I, Q or Z. */
    memoryTagExcluded: 'IQZ',
    /** The three random letters never use I or Q (Z is allowed). */
    randomLettersExcluded: 'IQ',
    /** First age identifier issued: "51", September 2001. */
    firstIssue: '2001-09-01',
    /** Age identifiers change on 1 March (year) and 1 September (year + 50). */
    marchMonth: 3,
    septemberMonth: 9,
  },
  prefix: {
    /** Year letters (A = 1983 … Y = 2001) exclude I, O, Q, U and Z. */
    yearLetterExcluded: 'IOQUZ',
    // VERIFY: I, Q and Z were reserved (I/Z for Northern Ireland, Q for
    // unidentified vehicles) and are believed never to appear in the
    // three-letter group of a GB prefix/suffix mark; check INF104 before a
    // PCN depends on it. A mismatch only flags the read, it never rejects it.
    letterGroupExcluded: 'IQZ',
  },
  suffix: {
    /** Year letters (A = 1963 … Y = 1983) exclude I, O, Q, U and Z. */
    yearLetterExcluded: 'IOQUZ',
    // VERIFY: as for prefix marks.
    letterGroupExcluded: 'IQZ',
  },
  northernIreland: {
    /** Northern Ireland codes are the two letters before the digits, containing I or Z. */
    codeLetters: 'IZ',
  },
  diplomatic: {
    /** 123 D 456 (embassies), 123 X 456 (consulates and international bodies). */
    letters: { D: 'diplomatic (embassy)', X: 'consular or international organisation' } as Record<string, string>,
  },
} as const;

export type VrmRules = typeof VRM_RULES;
