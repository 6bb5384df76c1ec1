import { useState } from 'react';
import type { ServerEvent } from '../../../main/api/contract';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';
import { useServerEvents } from '../hooks/use-server-events';
import { formatUkDateTime } from '../lib/format-time';

type LiveEvent = Extract<ServerEvent, { type: 'anpr-read' | 'camera-status' | 'event-queued' }> & { n: number };

const keep = 200;

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

/** Live: what the cameras are seeing now. Video walls arrive with the cameras feature. */
export function LivePage() {
  const [events, setEvents] = useState<LiveEvent[]>([]);
  useServerEvents(['anpr-read', 'camera-status', 'event-queued'], (e) => setEvents((list) => [{ ...e, n: (list[0]?.n ?? 0) + 1 }, ...list].slice(0, keep)));

  return (
    <>
      <PageHeader title="Live" description="Live pictures, ANPR reads and camera status as they happen." />
      <Panel title="Live activity" flush>
        <DataTable
          caption={`Latest ${keep} live updates, newest first`}
          captionHidden
          columns={columns}
          rows={events}
          rowKey={(e) => e.n}
          empty={
            <EmptyState title="No live activity yet" icon="◉">
              <p>When cameras are connected, this page shows:</p>
              <ul className="empty-state__list">
                <li>live video from each enforcement camera, in a wall you can arrange;</li>
                <li>ANPR reads as they arrive, with white-list matches marked;</li>
                <li>camera status changes (up, degraded, down) the moment they happen.</li>
              </ul>
            </EmptyState>
          }
        />
      </Panel>
    </>
  );
}
