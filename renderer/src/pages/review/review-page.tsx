import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useApiQuery } from '../../hooks/use-api-query';
import { parseUkLocal } from '../../lib/format-time';
import { ReviewPlayer } from '../../player/review-player';
import { ShortcutHelp } from '../../player/shortcut-help';

const windows = [
  { value: '900000', label: '15 minutes' },
  { value: '3600000', label: '1 hour' },
  { value: '21600000', label: '6 hours' },
  { value: '86400000', label: '24 hours' },
] as const;

/** "2026-03-14T09:41" in UK local time, for <input type="datetime-local">. */
function ukLocalInput(epochMs: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(epochMs))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

interface Opened {
  cameraIds: number[];
  at: number;
  windowMs: number;
}

/** Review: choose camera(s) and a time, then play, step, mark and export in the review player. */
export function ReviewPage() {
  // Retired cameras too: their footage stays reviewable until retention removes it.
  const recorders = useApiQuery('listCameras', { query: { includeRetired: 'true' } });
  const cameraList = recorders.data ?? [];
  const cameras = cameraList.map((c) => c.id);
  const nameOf = (id: number) => {
    const c = cameraList.find((x) => x.id === id);
    return c ? `${c.name}${c.status === 'retired' ? ' (retired)' : ''}` : `Camera ${id}`;
  };
  const [camera, setCamera] = useState('');
  const [second, setSecond] = useState('');
  const [when, setWhen] = useState(() => ukLocalInput(Date.now() - 10 * 60_000));
  const [windowMs, setWindowMs] = useState<string>('3600000');
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const chosen = camera || String(cameras[0] ?? '');

  const open = () => {
    const at = parseUkLocal(when);
    if (at === undefined) return setError('Enter a date and time (UK local), e.g. 14/03/2026 09:41:00.');
    if (!chosen) return setError('Choose a camera.');
    if (second && second === chosen) return setError('Choose a different second camera, or none.');
    setError(null);
    setOpened({ cameraIds: [Number(chosen), ...(second ? [Number(second)] : [])], at, windowMs: Number(windowMs) });
  };

  const range = useMemo(() => (opened ? { from: opened.at - opened.windowMs / 2, to: opened.at + opened.windowMs / 2 } : null), [opened]);

  return (
    <>
      <PageHeader title="Review" description="Play recorded footage frame by frame, mark in and out, and export evidence." />
      <Panel title="Footage">
        <form
          className="review-chooser"
          aria-label="Choose footage"
          onSubmit={(e) => {
            e.preventDefault();
            open();
          }}
        >
          <div className="field">
            <label className="field__label" htmlFor="review-camera">
              Camera
            </label>
            <select id="review-camera" className="select" value={chosen} onChange={(e) => setCamera(e.target.value)}>
              {cameras.length === 0 ? <option value="">no cameras with footage</option> : null}
              {cameras.map((id) => (
                <option key={id} value={String(id)}>
                  {nameOf(id)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="review-second">
              Play in sync with <span className="field__optional">(optional)</span>
            </label>
            <select id="review-second" className="select" value={second} onChange={(e) => setSecond(e.target.value)}>
              <option value="">none</option>
              {cameras
                .filter((id) => String(id) !== chosen)
                .map((id) => (
                  <option key={id} value={String(id)}>
                    {nameOf(id)}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="review-when">
              Time (UK local)
            </label>
            <input id="review-when" className="input" type="datetime-local" step={1} value={when} onChange={(e) => setWhen(e.target.value)} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="review-window">
              Load
            </label>
            <select id="review-window" className="select" value={windowMs} onChange={(e) => setWindowMs(e.target.value)}>
              {windows.map((w) => (
                <option key={w.value} value={w.value}>
                  {w.label} around it
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="primary">
            Open footage
          </Button>
        </form>
        {error ? <Alert tone="error">{error}</Alert> : null}
        {recorders.status === 'error' ? <Alert tone="error" title="Cannot list cameras">{errorMessage(recorders.error)}</Alert> : null}
      </Panel>
      {opened && range ? (
        <Panel title={`Player · ${opened.cameraIds.map(nameOf).join(' + ')}`}>
          <ReviewPlayer key={`${opened.cameraIds.join('+')}@${opened.at}/${opened.windowMs}`} cameraIds={opened.cameraIds} from={range.from} to={range.to} initialTime={opened.at} cameraLabel={nameOf} />
        </Panel>
      ) : (
        <Panel title="Player">
          <EmptyState title="No footage open" icon="▶" points={['choose a camera and a time, then Open footage;', 'or open an event from the review queue.']}>
            <p>To review footage:</p>
          </EmptyState>
        </Panel>
      )}
      <Panel title="Keyboard shortcuts">
        <ShortcutHelp />
      </Panel>
    </>
  );
}
