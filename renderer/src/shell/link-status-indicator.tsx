import { useLinkStatus } from '../hooks/use-server-events';

const labels = {
  open: 'Live link up',
  connecting: 'Connecting…',
  reconnecting: 'Live link lost; reconnecting…',
  closed: 'Live link closed',
} as const;

/** Whether pushed updates (camera status, ANPR reads, new events) are arriving. */
export function LinkStatusIndicator() {
  const status = useLinkStatus();
  return (
    <span className={`link-status link-status--${status}`} role="status" data-status={status}>
      <span className="link-status__dot" aria-hidden="true" />
      {labels[status]}
    </span>
  );
}
