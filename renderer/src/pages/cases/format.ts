/** Small formatters for the Cases page. */
export function pounds(pence: number): string {
  return `£${(pence / 100).toFixed(2)}`;
}

export function ukDateTime(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(ms));
}

export const stageLabels: Record<string, string> = {
  approved: 'Approved',
  'keeper-requested': 'Keeper requested',
  'keeper-known': 'Keeper known',
  'notice-generated': 'Notice generated',
  posted: 'Posted',
  'paid-discount': 'Paid at discount',
  'paid-full': 'Paid in full',
  'representation-received': 'Representation received',
  'representation-accepted': 'Representation accepted',
  'representation-rejected': 'Representation rejected',
  'charge-certificate': 'Charge certificate',
  closed: 'Closed',
  cancelled: 'Cancelled',
};
