import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Reply, ReviewCase } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { ApiError, errorMessage } from '../../api/api-error';
import { tokenStore } from '../../api/token-store';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useApiQuery } from '../../hooks/use-api-query';
import { useServerEvents } from '../../hooks/use-server-events';
import { formatUkDateTime } from '../../lib/format-time';
import { OcrBoxTool } from '../../ocr/ocr-box-tool';
import { PlateReadingView } from '../../ocr/plate-reading-view';
import { keyBelongsElsewhere } from '../../player/player-keys';
import { ReviewPlayer, type ReviewPlayerHandle } from '../../player/review-player';
import { DecisionPanel, type DecisionMode } from './decision-panel';
import './review-queue.css';

type Counts = Reply<'reviewNext'>['counts'];
type Decision = Parameters<DecisionPanelSubmit>[0];
type DecisionPanelSubmit = NonNullable<Parameters<typeof DecisionPanel>[0]['onSubmit']>;

/** Leases are renewed well inside their 15 minutes while a case is open. */
const RENEW_EVERY_MS = 4 * 60_000;
/** The clip opens a little before the first sighting so the approach is seen. */
const LEAD_MS = 2_000;

/**
 * The officer's review queue, keyboard first. The next event opens with its
 * clip playing and the case file beside it: plate crop, the camera's read
 * and confidence, the OCR suggestion, the white-list answer with its near
 * misses, the vehicle's history, and the restriction with its hours. The
 * page claims (prefetches) the following event while the officer works, so
 * after a decision the next case is on screen at once.
 */
export function QueuePage() {
  const api = useApi();
  const [current, setCurrent] = useState<ReviewCase | null>(null);
  const [upcoming, setUpcoming] = useState<ReviewCase | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; failures: { id: string; reason: string }[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mode, setMode] = useState<DecisionMode>(null);
  const [busy, setBusy] = useState(false);
  const [ocrOpen, setOcrOpen] = useState(false);
  const [ocr, setOcr] = useState<ReviewCase['ocr']>(null);
  // When the case on screen was shown (performance.now()), for the seconds per case.
  const shownAt = useRef(0);
  const player = useRef<ReviewPlayerHandle>(null);
  const clipBox = useRef<HTMLDivElement>(null);
  const reasons = useApiQuery('reviewReasons');

  const show = useCallback((c: ReviewCase | null) => {
    setCurrent(c);
    setOcr(c?.ocr ?? null);
    setMode(null);
    setOcrOpen(false);
    shownAt.current = performance.now();
  }, []);

  const prefetch = useCallback(
    async (exclude: number[]) => {
      try {
        const r = await api.call('reviewNext', { body: { ahead: true, exclude } });
        setUpcoming(r.case);
        setCounts(r.counts);
      } catch {
        setUpcoming(null);
      }
    },
    [api],
  );

  const load = useCallback(async () => {
    try {
      const r = await api.call('reviewNext', { body: {} });
      setError(null);
      show(r.case);
      setCounts(r.counts);
      if (r.case) void prefetch([r.case.event.id]);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [api, prefetch, show]);

  useEffect(() => {
    // Deferred a tick so the claim is made once the page is up (and not twice in a strict-mode double mount).
    const t = setTimeout(() => void load(), 0);
    return () => clearTimeout(t);
  }, [load]);

  // New work while the queue was empty: look again.
  useServerEvents(['event-queued'], () => {
    if (!current && !loading) void load();
    else if (current && !upcoming) void prefetch([current.event.id]);
  });

  // The case's OCR reading of the camera's plate picture, when not already made.
  useEffect(() => {
    if (!current || current.ocr || !current.plate.plateImage) return;
    let live = true;
    api.call('reviewOcr', { params: { id: current.event.id } }).then((r) => live && setOcr(r), () => undefined);
    return () => {
      live = false;
    };
  }, [api, current]);

  // Keep the leases on what this desk holds.
  useEffect(() => {
    const ids = [current?.event.id, upcoming?.event.id].filter((x): x is number => typeof x === 'number');
    if (!ids.length) return;
    const t = setInterval(() => void api.call('reviewRenew', { body: { eventIds: ids } }).catch(() => undefined), RENEW_EVERY_MS);
    return () => clearInterval(t);
  }, [api, current, upcoming]);

  // The clip plays from the first sighting as soon as it is loaded.
  useEffect(() => {
    if (!current) return;
    const h = player.current;
    if (!h) return;
    let live = true;
    h.seek(current.clip.at - LEAD_MS).then(() => live && h.play(), () => undefined);
    return () => {
      live = false;
    };
  }, [current]);

  const decide = useCallback(
    async (d: Decision) => {
      if (!current || busy) return;
      const viewMs = Math.round(performance.now() - shownAt.current);
      const deciding = current;
      const next = upcoming;
      setBusy(true);
      setRefusal(null);
      setError(null);
      // A rejection or referral cannot be refused by the law: the prefetched case goes on screen at once.
      // A contravention waits for the PCN preconditions, so a refusal is shown on the case it belongs to.
      const optimistic = d.outcome !== 'contravention';
      if (optimistic) {
        show(next);
        setUpcoming(null);
      }
      try {
        const r = await api.call('reviewDecide', { params: { id: deciding.event.id }, body: { ...d, viewMs } });
        setCounts(r.counts);
        setNotice(r.pcn ? `${r.pcn.kind === 'warning' ? 'Warning notice' : 'PCN'} ${r.pcn.reference} issued for ${deciding.plate.display}.` : `${deciding.plate.display}: ${r.decision.outcome === 'refer' ? 'referred to a supervisor' : 'rejected'}.`);
        // The reply names the next case too (the prefetched one, or a fresh claim when none was prefetched).
        const onScreen = next ?? r.next;
        if (!optimistic || !next) show(onScreen);
        setUpcoming(null);
        if (onScreen) void prefetch([onScreen.event.id]);
      } catch (e) {
        if (optimistic) {
          // Put the case back: nothing was recorded.
          setUpcoming(next);
          show(deciding);
        }
        if (e instanceof ApiError && e.code === 'precondition-failed') {
          const failures = ((e.details as { failures?: { id: string; reason: string }[] } | undefined)?.failures ?? []);
          setRefusal({ message: 'No PCN can be issued for this event. Reject it with a reason, or refer it.', failures });
        } else setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    [api, busy, current, prefetch, show, upcoming],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || keyBelongsElsewhere(e.target) || !current) return;
      const k = e.key.toLowerCase();
      if (k === 'c' || k === 'x' || k === 's') {
        e.preventDefault();
        setMode(k === 'c' ? 'contravention' : k === 'x' ? 'reject' : 'refer');
      } else if (k === 'b') {
        e.preventDefault();
        player.current?.pause();
        setOcrOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current]);

  const token = tokenStore.get();
  const imageUrl = (sha: string) => api.url(`/api/anpr/images/${sha}`, token ? { access_token: token } : undefined);
  const reasonList = useMemo(() => reasons.data ?? [], [reasons.data]);

  return (
    <>
      <PageHeader
        title="Queue"
        description="Review events one after another: C contravention, X reject, S refer to a supervisor, B read a plate with OCR."
        actions={counts ? <QueueCounts counts={counts} /> : null}
      />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error" title="Problem">{error}</Alert> : null}
      {!current ? (
        <Panel title="Next event">
          {loading ? <p>Claiming the next event…</p> : <EmptyState title="The queue is empty" icon="✓" points={['new events appear here as the cameras send them.']}>Nothing is waiting for review.</EmptyState>}
        </Panel>
      ) : (
        <div className="queue" data-testid="queue-case" data-event-id={current.event.id}>
          <Panel title={`Event ${current.event.id} · ${current.camera.name}`} actions={<span>{formatUkDateTime(current.clip.at)}</span>}>
            <div className="queue__clip" ref={clipBox} data-testid="queue-clip">
              <ReviewPlayer
                key={current.event.id}
                ref={player}
                cameraIds={[current.clip.cameraId]}
                from={current.clip.from - LEAD_MS}
                to={current.clip.to}
                initialTime={current.clip.at - LEAD_MS}
                cameraLabel={() => current.camera.name}
              />
              {ocrOpen ? (
                <OcrBoxTool
                  cameraId={current.clip.cameraId}
                  video={() => clipBox.current?.querySelector('video') ?? null}
                  frameTime={() => player.current?.position()?.wallMs ?? null}
                  onClose={() => setOcrOpen(false)}
                />
              ) : null}
            </div>
          </Panel>
          <div className="queue__file">
            <Panel title="Plate">
              <div className="queue__plate">
                {current.plate.plateImage ? <img className="queue__crop" src={imageUrl(current.plate.plateImage)} alt={`Plate picture of ${current.plate.display}`} data-testid="plate-crop" /> : <p data-testid="plate-crop">No plate picture came with the read.</p>}
                <dl className="queue__facts">
                  <dt>ANPR read</dt>
                  <dd>
                    <strong className="queue__vrm" data-testid="anpr-read">
                      {current.plate.display}
                    </strong>{' '}
                    <Badge tone={current.plate.valid ? 'ok' : 'warn'}>{current.plate.valid ? `${current.plate.format} format` : current.plate.problems.join('; ') || 'check the format'}</Badge>
                  </dd>
                  <dt>Confidence</dt>
                  <dd data-testid="anpr-confidence">{current.plate.confidence === null ? 'not sent by the camera' : `${current.plate.confidence}`}</dd>
                  {current.plate.flags.length ? (
                    <>
                      <dt>Flags</dt>
                      <dd>{current.plate.flags.join('; ')}</dd>
                    </>
                  ) : null}
                </dl>
              </div>
              <h3 className="queue__sub">OCR suggestion</h3>
              <div data-testid="ocr-suggestion-panel">{ocr ? <PlateReadingView reading={ocr} /> : <p>{current.plate.plateImage ? 'Reading the plate picture…' : 'No plate picture: press B and draw a box round the plate on the clip.'}</p>}</div>
            </Panel>
            <Panel title="White list">
              <div data-testid="white-list">
                {current.whiteList ? (
                  <>
                    <p>
                      <Badge tone={current.whiteList.exempt ? 'ok' : 'neutral'}>{current.whiteList.exempt ? 'Exempt' : 'Not exempt'}</Badge> {current.whiteList.explanation}
                    </p>
                    <h3 className="queue__sub">Near misses</h3>
                    {current.whiteList.nearMisses.length ? (
                      <ul data-testid="near-misses">
                        {current.whiteList.nearMisses.map((n) => (
                          <li key={n.vrm}>
                            <strong>{n.vrm}</strong> ({n.category}): {n.how}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p data-testid="near-misses">None: no entry one character or only confusable characters away.</p>
                    )}
                  </>
                ) : (
                  <p>The white list could not be checked.</p>
                )}
              </div>
            </Panel>
            <Panel title="Restriction">
              <div data-testid="restriction">
                {current.restriction ? (
                  <dl className="queue__facts">
                    <dt>Type</dt>
                    <dd>{current.restriction.label}</dd>
                    <dt>Hours</dt>
                    <dd>{current.restriction.schedule}</dd>
                    <dt>At the event</dt>
                    <dd>
                      <Badge tone={current.restriction.inForce ? 'danger' : 'ok'}>{current.restriction.inForce ? 'In force' : 'Not in force'}</Badge> {current.restriction.why}
                    </dd>
                    <dt>Permitted</dt>
                    <dd>{current.restriction.permitted.join(', ') || 'nobody'}</dd>
                    <dt>Traffic order</dt>
                    <dd>{current.restriction.trafficOrderRef}</dd>
                    <dt>Signs</dt>
                    <dd>{current.restriction.signsInOrder ? 'in order' : `DEFECT: ${current.restriction.signsNote || 'see the defect register'}`}</dd>
                  </dl>
                ) : (
                  <p>No restriction is recorded for this camera: no code fits; reject or refer.</p>
                )}
              </div>
            </Panel>
            <Panel title="History of this vehicle">
              <div data-testid="history">
                {current.history.events.length === 0 && current.history.pcns.length === 0 ? <p>No earlier events or PCNs for {current.plate.display}.</p> : null}
                {current.history.pcns.length ? (
                  <ul>
                    {current.history.pcns.map((p) => (
                      <li key={`p${p.id}`}>
                        {p.kind === 'warning' ? 'Warning' : 'PCN'} {p.reference} · {p.code} · {p.place} · {formatUkDateTime(p.contraventionAt)} · {p.stage}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {current.history.events.length ? (
                  <ul>
                    {current.history.events.map((h) => (
                      <li key={`e${h.id}`}>
                        Event {h.id} · camera {h.cameraId} · {formatUkDateTime(h.firstSeenAt)} · {h.outcome ? `${h.outcome}${h.code ? ` ${h.code}` : ''}${h.reason ? ` (${h.reason})` : ''}` : h.status}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </Panel>
            {current.referral ? (
              <Alert tone="info" title={`Referred by ${current.referral.referredBy}`}>
                {current.referral.note}
              </Alert>
            ) : null}
            {refusal ? (
              <Alert tone="error" title="PCN refused">
                <p>{refusal.message}</p>
                <ul data-testid="refusal-failures">
                  {refusal.failures.map((f) => (
                    <li key={f.id}>
                      <strong>{f.id}</strong>: {f.reason}
                    </li>
                  ))}
                </ul>
              </Alert>
            ) : null}
            <DecisionPanel mode={mode} onMode={setMode} codes={current.codes} reasons={reasonList} busy={busy} onSubmit={(d) => void decide(d)} />
          </div>
        </div>
      )}
    </>
  );
}

function QueueCounts({ counts }: { counts: Counts }) {
  return (
    <p className="queue__counts" data-testid="queue-counts">
      <span>{counts.queued} waiting</span> · <span>{counts.inReview} open</span> · <span>{counts.referred} referred</span> · <span>{counts.held} held</span> · <span>{counts.decidedToday} decided today</span>
    </p>
  );
}
