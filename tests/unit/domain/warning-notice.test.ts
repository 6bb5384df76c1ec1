import { describe, expect, it } from 'vitest';
import { decideWarningNotice, type WarningInput } from '../../../main/domain/warning-notice.js';

const base: WarningInput = {
  restrictionType: 'banned-turn',
  siteEnforcementStart: '2024-01-15',
  eventUtcMs: Date.parse('2024-03-01T10:00:00Z'),
  priorContraventionsUtcMs: [],
};
const t = (iso: string) => Date.parse(iso);

describe('decideWarningNotice (DOMAIN §5)', () => {
  it.each<[string, Partial<WarningInput>, 'warning' | 'pcn' | 'not-enforceable', RegExp]>([
    ['first contravention in the six months', {}, 'warning', /first contravention/],
    ['first, on the last day of the period (14 Jul)', { eventUtcMs: t('2024-07-14T12:00:00Z') }, 'warning', /until 2024-07-14/],
    ['first, the day after the period', { eventUtcMs: t('2024-07-15T12:00:00Z') }, 'pcn', /ended on 2024-07-14/],
    ['23:30 UTC on 14 Jul is 15 Jul in the UK: after the period', { eventUtcMs: t('2024-07-14T23:30:00Z') }, 'pcn', /ended/],
    ['a repeat within the period', { priorContraventionsUtcMs: [t('2024-02-01T09:00:00Z')] }, 'pcn', /repeat/],
    ['a prior from before enforcement began does not count', { priorContraventionsUtcMs: [t('2024-01-10T09:00:00Z')] }, 'warning', /first/],
    ['a later contravention does not make this one a repeat', { priorContraventionsUtcMs: [t('2024-04-01T09:00:00Z')] }, 'warning', /first/],
    ['bus lanes never get warnings', { restrictionType: 'bus-lane' }, 'pcn', /bus lane contraventions get no warning period/],
    ['school street gets a warning', { restrictionType: 'school-street' }, 'warning', /first/],
    ['box junction gets a warning', { restrictionType: 'box-junction' }, 'warning', /first/],
    ['London has no statutory warning period', { area: 'london' }, 'pcn', /no warning period applies in london/],
    ['before enforcement began', { eventUtcMs: t('2024-01-14T12:00:00Z') }, 'not-enforceable', /before camera enforcement began/],
    ['31 Aug start: the period ends 28 Feb', { siteEnforcementStart: '2024-08-31', eventUtcMs: t('2025-02-28T12:00:00Z') }, 'warning', /until 2025-02-28/],
    ['31 Aug start: 1 Mar is after the period', { siteEnforcementStart: '2024-08-31', eventUtcMs: t('2025-03-01T12:00:00Z') }, 'pcn', /ended on 2025-02-28/],
  ])('%s', (_name, patch, decision, reason) => {
    const d = decideWarningNotice({ ...base, ...patch });
    expect(d.decision).toBe(decision);
    expect(d.reason).toMatch(reason);
  });

  it('takes a council policy (e.g. no warnings)', () => {
    const policy = { england: { applies: false, months: 6, scope: 'site' as const, source: 'council' }, london: { applies: false, months: 0, scope: 'site' as const, source: '' }, wales: { applies: false, months: 0, scope: 'site' as const, source: '' } };
    expect(decideWarningNotice(base, { policy }).decision).toBe('pcn');
  });
});
