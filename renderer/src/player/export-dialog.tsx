import { useEffect, useState } from 'react';
import type { ExportJob } from '../../../main/api/contract';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-error';
import { tokenStore } from '../api/token-store';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { TextField } from '../components/text-field';
import { useServerEvents } from '../hooks/use-server-events';
import { formatUtcMs, formatUkMs } from './format-frame-time';
import { withAccessToken } from './playback-url';

export interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  cameras: { id: number; label: string }[];
  markIn: number;
  markOut: number;
  /** The frame on screen, offered as a still. */
  currentFrameMs: number | null;
  /** Half a frame: a still is asked for mid-frame so rounding cannot pick its neighbour. */
  halfFrameMs: number;
  /** Called when a job finishes (for the page's own record). */
  onDone?: (job: ExportJob) => void;
}

const pollMs = 1_000;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Export from the in and out marks: the original footage (stream copy, the
 * camera's own bitstream), a presentation copy (re-encoded with a time
 * overlay) and lossless PNG stills. The core evidence-locks what it exports
 * and hashes every file (SHA-256); progress arrives on the WebSocket
 * (export-progress) and, in case an event was missed, by polling the job.
 */
export function ExportDialog({ open, onClose, cameras, markIn, markOut, currentFrameMs, halfFrameMs, onDone }: ExportDialogProps) {
  const api = useApi();
  const [cameraId, setCameraId] = useState(cameras[0]?.id ?? 0);
  const [original, setOriginal] = useState(true);
  const [presentation, setPresentation] = useState(true);
  const [stillIn, setStillIn] = useState(false);
  const [stillCurrent, setStillCurrent] = useState(true);
  const [reason, setReason] = useState('');
  const [caseReference, setCaseReference] = useState('');
  const [jobs, setJobs] = useState<ExportJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const running = jobs.filter((j) => j.state === 'queued' || j.state === 'running');
  useServerEvents(['export-progress'], (e) => setJobs((list) => list.map((j) => (j.id === e.jobId && j.state !== 'done' && j.state !== 'failed' ? { ...j, state: 'running', fraction: Math.max(j.fraction, e.fraction) } : j))));

  const runningKey = running.map((j) => j.id).join(',');
  useEffect(() => {
    if (!runningKey) return;
    const ids = runningKey.split(',');
    const timer = window.setInterval(() => {
      for (const id of ids) {
        api.call('getExport', { params: { jobId: id } }).then(
          (job) => {
            setJobs((list) => list.map((j) => (j.id === job.id ? job : j)));
            if (job.state === 'done' || job.state === 'failed') onDone?.(job);
          },
          () => {
            // A missed poll is retried on the next tick; the WebSocket may still report progress.
          },
        );
      }
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [api, runningKey, onDone]);

  // The core only stills frames between the marks: a frame on screen outside them is not offered.
  const currentInRange = currentFrameMs !== null && currentFrameMs >= markIn && currentFrameMs <= markOut;
  const stills = [stillCurrent && currentInRange ? currentFrameMs : null, stillIn ? Math.round(markIn + halfFrameMs) : null].filter((v): v is number => v !== null);
  const reasonError = reason.trim().length > 0 && reason.trim().length < 3 ? 'Give a reason of at least 3 characters' : null;

  const start = async () => {
    setError(null);
    if (reason.trim().length < 3) {
      setError('Give a reason for the export (a case, a disclosure request): it goes in the audit log.');
      return;
    }
    if (!original && !presentation && stills.length === 0) {
      setError('Choose at least one of: original clip, presentation clip, or a still.');
      return;
    }
    setBusy(true);
    try {
      const job = await api.call('createExport', {
        body: { cameraId, from: markIn, to: markOut, original, presentation, stills, reason: reason.trim(), caseReference: caseReference.trim() || null },
      });
      setJobs((list) => [job, ...list]);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const token = tokenStore.get();
  const lengthS = (markOut - markIn) / 1000;

  return (
    <Dialog open={open} onClose={onClose} title="Export footage" wide>
      <form
        className="form-stack export-form"
        aria-label="Export footage"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <dl className="kv export-range">
          <dt>In</dt>
          <dd className="mono">{formatUkMs(markIn)} · {formatUtcMs(markIn)}</dd>
          <dt>Out</dt>
          <dd className="mono">{formatUkMs(markOut)} · {formatUtcMs(markOut)}</dd>
          <dt>Length</dt>
          <dd>{lengthS.toFixed(2)} s</dd>
        </dl>
        {cameras.length > 1 ? (
          <div className="field">
            <label className="field__label" htmlFor="export-camera">
              Camera
            </label>
            <select id="export-camera" className="select" value={cameraId} onChange={(e) => setCameraId(Number(e.target.value))}>
              {cameras.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <fieldset className="export-kinds">
          <legend>What to export</legend>
          <label>
            <input type="checkbox" checked={original} onChange={(e) => setOriginal(e.target.checked)} /> Original clip (stream copy, unaltered; starts at the keyframe at or before the in mark)
          </label>
          <label>
            <input type="checkbox" checked={presentation} onChange={(e) => setPresentation(e.target.checked)} /> Presentation clip (re-encoded, camera and time burnt in)
          </label>
          <label>
            <input type="checkbox" checked={stillCurrent && currentInRange} disabled={!currentInRange} onChange={(e) => setStillCurrent(e.target.checked)} /> Still (lossless PNG) of the frame on screen
            {currentInRange ? null : <span className="muted"> (not offered: the frame on screen is outside the marks)</span>}
          </label>
          <label>
            <input type="checkbox" checked={stillIn} onChange={(e) => setStillIn(e.target.checked)} /> Still of the in frame
          </label>
        </fieldset>
        <TextField label="Reason" value={reason} onChange={setReason} required hint="Recorded in the audit log with the export, e.g. “PCN evidence” or “disclosure request 2026/114”." error={reasonError} />
        <TextField label="Case reference" value={caseReference} onChange={setCaseReference} optional maxLength={64} />
        <p className="muted">Exported footage is evidence-locked: retention will not delete it until a supervisor releases the lock.</p>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            Start export
          </Button>
          <Button onClick={onClose}>Close</Button>
        </div>
      </form>
      {jobs.length ? (
        <section className="export-jobs" aria-label="Exports">
          {jobs.map((job) => (
            <div key={job.id} className="export-job">
              <div className="export-job__head">
                <span>
                  Export <span className="mono">{job.id}</span> · camera {job.cameraId}
                </span>
                <span className={`badge badge--${job.state === 'done' ? 'ok' : job.state === 'failed' ? 'danger' : 'accent'}`}>{job.state}</span>
              </div>
              <label className="export-job__progress">
                <span className="visually-hidden">Export progress</span>
                <progress max={1} value={job.state === 'done' ? 1 : job.fraction} aria-valuetext={`${Math.round((job.state === 'done' ? 1 : job.fraction) * 100)}%`} />
                <span aria-live="polite">{Math.round((job.state === 'done' ? 1 : job.fraction) * 100)}%</span>
              </label>
              {job.error ? <Alert tone="error">{job.error}</Alert> : null}
              {job.state === 'done' && job.originalStartMs !== null && job.originalStartMs < job.fromMs ? (
                <p className="muted">The original clip starts at the keyframe at {formatUkMs(job.originalStartMs)}, {((job.fromMs - job.originalStartMs) / 1000).toFixed(2)} s before the in mark.</p>
              ) : null}
              {job.files.length ? (
                <table className="data-table export-files">
                  <caption className="visually-hidden">Exported files and their SHA-256 hashes</caption>
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Size</th>
                      <th scope="col">SHA-256</th>
                    </tr>
                  </thead>
                  <tbody>
                    {job.files.map((f) => (
                      <tr key={f.name} data-file={f.name}>
                        <td>
                          <a href={withAccessToken(f.url, token)} download={f.name}>
                            {f.name}
                          </a>
                        </td>
                        <td>{f.kind}</td>
                        <td>{formatBytes(f.bytes)}</td>
                        <td className="mono export-files__hash">{f.sha256}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
    </Dialog>
  );
}
