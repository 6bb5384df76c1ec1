import type { WhiteListCategory } from '../../../../main/api/contract';

/** The categories, labelled. `satisfies` ties the list to the contract's. */
export const categoryLabels = {
  'bus-operator': 'Bus operator',
  'hackney-carriage': 'Hackney carriage (taxi)',
  'private-hire': 'Private hire (not a taxi)',
  'emergency-service': 'Emergency service',
  council: 'Council',
  utility: 'Utility',
  dispensation: 'Dispensation',
  'permit-holder': 'Permit holder',
  other: 'Other',
} as const satisfies Record<WhiteListCategory, string>;

export const categoryOptions = (Object.keys(categoryLabels) as WhiteListCategory[]).map((value) => ({ value, label: categoryLabels[value] }));
