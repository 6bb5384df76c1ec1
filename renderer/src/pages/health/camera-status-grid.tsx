import type { CameraHealth, CameraSummary } from '../../../../main/api/contract';
import { Badge } from '../../components/badge';
import { formatUkDateTime } from '../../lib/format-time';
import { statusText, statusTone } from './health-format';

/**
 * One card per camera: status, every reason it is not ok, when it last
 * changed and when it was last probed. Worst first, so a supervisor sees the
 * down cameras without scrolling. Each card opens the camera's health log.
 */
export function CameraStatusGrid({
  cameras,
  names,
  selectedId,
  onSelect,
}: {
  cameras: readonly CameraHealth[];
  names: ReadonlyMap<number, CameraSummary>;
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const rank = { down: 0, degraded: 1, unknown: 2, ok: 3 } as const;
  const nameOf = (id: number) => names.get(id)?.name ?? `Camera ${id}`;
  const sorted = [...cameras].sort((a, b) => rank[a.status] - rank[b.status] || nameOf(a.cameraId).localeCompare(nameOf(b.cameraId), 'en-GB', { numeric: true }));
  return (
    <ul className="health-grid" aria-label="Camera status">
      {sorted.map((c) => {
        const name = nameOf(c.cameraId);
        const where = names.get(c.cameraId)?.locationDescription;
        return (
          <li key={c.cameraId} className={`health-card health-card--${c.status}`} aria-current={c.cameraId === selectedId ? 'true' : undefined}>
            <div className="health-card__head">
              <button type="button" className="health-card__name" onClick={() => onSelect(c.cameraId)} aria-label={`${name}: ${statusText[c.status]}`}>
                {name}
              </button>
              <Badge tone={statusTone(c.status)}>{statusText[c.status]}</Badge>
            </div>
            {where ? <div className="muted health-card__where">{where}</div> : null}
            {c.reasons.length > 0 && c.status !== 'unknown' ? (
              <ul className="health-card__reasons" aria-label={`Why ${name} is ${statusText[c.status].toLowerCase()}`}>
                {c.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null}
            <dl className="health-card__times">
              <dt>Last probe</dt>
              <dd>{c.lastProbeAt ? formatUkDateTime(c.lastProbeAt) : 'never'}</dd>
              {c.since ? (
                <>
                  <dt>{statusText[c.status]} since</dt>
                  <dd>{formatUkDateTime(c.since)}</dd>
                </>
              ) : null}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
