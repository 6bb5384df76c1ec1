/**
 * Enforcement areas with different law and charges (DOMAIN §1): London
 * (London Local Authorities Acts, London Tribunals), England outside London
 * (TMA 2004 Part 6, SI 2022/71, Traffic Penalty Tribunal) and Wales (its own
 * regulations and figures).
 */
export type EnforcementArea = 'london' | 'england' | 'wales';

export const ENFORCEMENT_AREAS: readonly EnforcementArea[] = ['london', 'england', 'wales'];

export function isEnforcementArea(text: string): text is EnforcementArea {
  return (ENFORCEMENT_AREAS as readonly string[]).includes(text);
}
