import { useState } from 'react';
import type { ServerEvent } from '../../../../main/api/contract';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useApiQuery } from '../../hooks/use-api-query';
import { useServerEvents } from '../../hooks/use-server-events';
import { formatUkDateTime } from '../../lib/format-time';
import { LiveTile } from './live-tile';
import '../../player/player.css';

type LiveEvent = Extract<ServerEvent, { type: 'anpr-read' | 'camera-status' | 'event-queued' }> & { n: number };

const keep = 200;
const layouts = [1, 4, 9] as const;
type Layout = (typeof layouts)[number];

const columns: Column<LiveEvent>[] = [
  { id: 'at', header: 'Time (UK)', cell: (e) => formatUkDateTime(e.at), wrap: 'nowrap' },
  { id: 'kind', header: 'What', cell: (e) => (e.type === 'anpr-read' ? 'ANPR read' : e.type === 'camera-status' ? 'Camera status' : 'Event queued') },
  { id: 'camera', header: 'Camera', cell: (e) => ('cameraId' in e ? `#${e.cameraId}` : '—'), align: 'end' },
  {
    id: 'detail',
    header: 'Detail',
    cell: (e) => (e.type === 'anpr-read' ? <span className="mono">{e.vrm}</span> : e.type === 'camera-status' ? e.status : `event ${e.eventId} awaits review`),
  },
];

/** Live: a wall of 1, 4 or 9 cameras, each with how far behind the camera it is, and live activity. */
export function LivePage() {
  const [layout, setLayout] = useState<Layout>(4);
  const [pageNo, setPageNo] = useState(0);
  const recorders = useApiQuery('listRecorders');
  // Names for the tiles; a camera the list does not know yet is shown by number.
  const cameras = useApiQuery('listCameras', { query: {} });
  const nameOf = (id: number) => cameras.data?.find((c) => c.id === id)?.name ?? `Camera ${id}`;
  const [events, setEvents] = useState<LiveEvent[]>([]);
  useServerEvents(['anpr-read', 'camera-status', 'event-queued'], (e) => setEvents((list) => [{ ...e, n: (list[0]?.n ?? 0) + 1 }, ...list].slice(0, keep)));
  useServerEvents(['recording-status'], () => {
    recorders.reload();
    cameras.reload();
  });

  const all = recorders.data ?? [];
  const pages = Math.max(1, Math.ceil(all.length / layout));
  const page = Math.min(pageNo, pages - 1);
  const shown = all.slice(page * layout, page * layout + layout);

  return (
    <>
      <PageHeader
        title="Live"
        description="Live pictures from the enforcement cameras, each showing how far behind the camera it is (goal: 2 seconds or less)."
        actions={
          <div className="layout-picker" role="group" aria-label="Cameras per screen">
            {layouts.map((n) => (
              <button key={n} type="button" className="btn btn--small" aria-pressed={layout === n} onClick={() => setLayout(n)}>
                {n === 1 ? '1 camera' : `${n} cameras`}
              </button>
            ))}
            {pages > 1 ? (
              <>
                <button type="button" className="btn btn--small btn--ghost" disabled={page === 0} onClick={() => setPageNo(page - 1)}>
                  Previous
                </button>
                <span className="muted">
                  {page + 1} of {pages}
                </span>
                <button type="button" className="btn btn--small btn--ghost" disabled={page >= pages - 1} onClick={() => setPageNo(page + 1)}>
                  Next
                </button>
              </>
            ) : null}
          </div>
        }
      />
      <Panel title="Live cameras" flush>
        {recorders.status === 'error' ? <Alert tone="error" title="Cannot list the cameras' recorders">{errorMessage(recorders.error)}</Alert> : null}
        {recorders.status === 'loading' && !recorders.data ? <Loading label="Loading cameras" /> : null}
        {recorders.data && all.length === 0 ? (
          <EmptyState title="No cameras are recording" icon="◉">
            <p>Add cameras on the Cameras page; their live pictures appear here.</p>
          </EmptyState>
        ) : null}
        {shown.length ? (
          <div className={`live-grid live-grid--${layout}`} aria-label={`Live cameras, ${shown.length} shown`}>
            {shown.map((r) => (
              <LiveTile key={r.cameraId} recorder={r} label={nameOf(r.cameraId)} />
            ))}
            {Array.from({ length: layout - shown.length }, (_, i) => (
              <div key={`empty-${i}`} className="live-tile live-tile--empty" aria-hidden="true">
                no camera
              </div>
            ))}
          </div>
        ) : null}
      </Panel>
      <Panel title="Live activity" flush>
        <DataTable
          caption={`Latest ${keep} live updates, newest first`}
          captionHidden
          columns={columns}
          rows={events}
          rowKey={(e) => e.n}
          empty={<EmptyState title="No live activity yet" icon="◉" points={['ANPR reads as they arrive', 'camera status changes the moment they happen']}><p>This list shows:</p></EmptyState>}
        />
      </Panel>
    </>
  );
}
