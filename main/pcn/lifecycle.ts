/**
 * The life of a case, as a pure state machine (issue 6 §6). A PCN goes
 * approved → keeper requested → keeper known → notice generated → posted,
 * then paid (at the discount or in full), or a representation is received
 * and accepted or rejected, or a charge certificate follows non-payment
 * (28 days from service, DOMAIN §3); every case ends closed or cancelled
 * with a reason. A warning notice (DOMAIN §5) is posted and then closed: it
 * asks for no money.
 */
export const STAGES = [
  'approved',
  'keeper-requested',
  'keeper-known',
  'notice-generated',
  'posted',
  'paid-discount',
  'paid-full',
  'representation-received',
  'representation-accepted',
  'representation-rejected',
  'charge-certificate',
  'closed',
  'cancelled',
] as const;
export type Stage = (typeof STAGES)[number];
export type NoticeKind = 'pcn' | 'warning';

export const STAGE_LABELS: Record<Stage, string> = {
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

export const TERMINAL_STAGES: readonly Stage[] = ['closed', 'cancelled'];

const PCN_NEXT: Record<Stage, readonly Stage[]> = {
  approved: ['keeper-requested'],
  'keeper-requested': ['keeper-known'],
  // A re-generated notice (a new date, Welsh) stays at notice-generated.
  'keeper-known': ['notice-generated'],
  'notice-generated': ['notice-generated', 'posted'],
  posted: ['paid-discount', 'paid-full', 'representation-received', 'charge-certificate'],
  // Payment may arrive while a representation is considered; the council then stops considering it.
  'representation-received': ['representation-accepted', 'representation-rejected', 'paid-discount', 'paid-full'],
  // Accepted: the PCN is withdrawn (SI 2022/576); the case closes.
  'representation-accepted': ['closed'],
  // Rejected: pay, appeal (tracked outside), or a charge certificate after the period.
  'representation-rejected': ['paid-discount', 'paid-full', 'charge-certificate', 'closed'],
  'charge-certificate': ['paid-full', 'closed'],
  'paid-discount': ['closed'],
  'paid-full': ['closed'],
  closed: [],
  cancelled: [],
};

const WARNING_NEXT: Partial<Record<Stage, readonly Stage[]>> = {
  approved: ['keeper-requested'],
  'keeper-requested': ['keeper-known'],
  'keeper-known': ['notice-generated'],
  'notice-generated': ['notice-generated', 'posted'],
  posted: ['closed'],
};

/** Stages a case may move to next; cancelling (with a reason) is open from every stage that is not terminal. */
export function nextStages(kind: NoticeKind, from: Stage): Stage[] {
  if (TERMINAL_STAGES.includes(from)) return [];
  const table = kind === 'pcn' ? PCN_NEXT[from] : (WARNING_NEXT[from] ?? []);
  return [...table, 'cancelled'];
}

export function canMove(kind: NoticeKind, from: Stage, to: Stage): boolean {
  return nextStages(kind, from).includes(to);
}

export function isStage(text: string): text is Stage {
  return (STAGES as readonly string[]).includes(text);
}

export class TransitionError extends Error {
  constructor(readonly from: Stage, readonly to: Stage, kind: NoticeKind) {
    super(
      `a ${kind === 'pcn' ? 'PCN' : 'warning notice'} at "${STAGE_LABELS[from]}" cannot move to "${STAGE_LABELS[to]}"` +
        (nextStages(kind, from).length ? ` (next: ${nextStages(kind, from).map((s) => STAGE_LABELS[s]).join(', ')})` : ' (the case is finished)'),
    );
  }
}

export function assertMove(kind: NoticeKind, from: Stage, to: Stage): void {
  if (!canMove(kind, from, to)) throw new TransitionError(from, to, kind);
}
