import { useState } from 'react';
import type { PcnActionInput, PcnDetail } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage, isApiError } from '../../api/api-error';
import { tokenStore } from '../../api/token-store';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Panel } from '../../components/panel';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useApiQuery } from '../../hooks/use-api-query';
import { pounds, stageLabels, ukDateTime } from './format';
import { EvidencePanel } from '../../evidence/evidence-panel';

/** One case: its dates, keeper, history and the steps open to it. */
export function CaseDetail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const api = useApi();
  const q = useApiQuery('getPcn', { params: { id } });
  const [lang, setLang] = useState<'en' | 'cy'>('en');
  const [reason, setReason] = useState('');
  const [ground, setGround] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const p = q.data;
  if (q.status === 'error' && !p) return <Alert tone="error" title="Case not loaded">{errorMessage(q.error)}</Alert>;
  if (!p) return <p>Loading case…</p>;

  const run = async (what: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      setMessage({ tone: 'success', text: what });
      q.reload();
      onChanged();
    } catch (e) {
      const failures = isApiError(e) ? ((e.details as { failures?: { id: string; reason: string }[] } | undefined)?.failures ?? []) : [];
      setMessage({ tone: 'error', text: failures.length ? failures.map((f) => `${f.id}: ${f.reason}`).join('; ') : errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const act = (label: string, body: PcnActionInput) =>
    run(label, () => api.call('pcnAction', { params: { id }, body }));
  const can = (s: PcnDetail['stage']) => p.nextStages.includes(s);
  const noticeUrl = (download: boolean) => api.url(`/api/pcns/${id}/notice.pdf`, { access_token: tokenStore.get() ?? '', ...(download ? { download: '1' } : {}) });
  const d = p.dates;
  const dateRows: [string, string | null][] = [
    ['Contravention', d.contraventionDate],
    ['Serve by', d.serviceBy],
    ['Post by', d.postBy],
    ['Notice date', p.noticeDate],
    ['Posted', p.postedDate],
    ['Deemed service', d.deemedService],
    ['Discount until', d.discountUntil],
    ['Representations until', d.representationsUntil],
    ['Charge certificate from', d.chargeCertificateFrom],
  ];

  return (
    <Panel title={`${p.kind === 'pcn' ? 'PCN' : 'Warning notice'} ${p.reference}`}>
      <div className="case-detail">
        <dl className="case-facts">
          <dt>Stage</dt><dd data-testid="case-stage">{stageLabels[p.stage] ?? p.stage}</dd>
          <dt>Vehicle</dt><dd>{p.vrm}</dd>
          <dt>Contravention</dt><dd>{p.code} — {p.codeDescription}</dd>
          <dt>When</dt><dd>{ukDateTime(p.contraventionAt)}</dd>
          <dt>Place</dt><dd>{p.place}</dd>
          {p.kind === 'pcn' && (<><dt>Charge</dt><dd>{pounds(p.amountPence)} ({pounds(p.discountPence)} at discount)</dd></>)}
          <dt>Officer</dt><dd>{p.officerName}</dd>
          <dt>Keeper</dt><dd>{p.keeper ? [p.keeper.name, ...p.keeper.address, p.keeper.postcode].filter(Boolean).join(', ') : p.keeperPurgedAt ? 'deleted (retention)' : 'not known yet'}</dd>
        </dl>
        {p.keeperMismatch && <Alert tone="warning" title="Vehicle does not match the keeper record">{p.keeperMismatch}</Alert>}
        <table className="case-dates">
          <caption>Dates</caption>
          <tbody>
            {dateRows.map(([k, v]) => (
              <tr key={k}><th scope="row">{k}</th><td>{v ?? '—'}</td></tr>
            ))}
          </tbody>
        </table>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <div className="case-actions" role="group" aria-label="Case actions">
          {can('notice-generated') && (
            <>
              <SelectField label="Notice language" value={lang} options={[{ value: 'en', label: 'English' }, { value: 'cy', label: 'English and Welsh headings' }]} onChange={setLang} />
              <Button variant="primary" busy={busy} onClick={() => void run('Notice generated', () => api.call('generateNotice', { params: { id }, body: { lang } }))}>Generate notice</Button>
            </>
          )}
          {p.noticeSha256 && (
            <>
              <a className="btn" href={noticeUrl(false)} target="_blank" rel="noreferrer">Preview notice PDF</a>
              <a className="btn" href={noticeUrl(true)} download={`${p.reference}.pdf`}>Download notice</a>
            </>
          )}
          {can('posted') && <Button busy={busy} onClick={() => void act('Marked as posted', { action: 'post', ...(p.noticeDate ? { postedDate: p.noticeDate } : {}) })}>Mark posted</Button>}
          {can('charge-certificate') && <Button busy={busy} onClick={() => void act('Charge certificate recorded', { action: 'charge-certificate' })}>Charge certificate</Button>}
          {can('closed') && <Button busy={busy} onClick={() => void act('Case closed', { action: 'close', reason })}>Close case</Button>}
        </div>
        {can('representation-received') && (
          <div className="case-actions">
            <TextField label="Representation ground" value={ground} onChange={setGround} />
            <Button busy={busy} disabled={ground.trim().length < 3} onClick={() => void act('Representation recorded', { action: 'representation', receivedOn: new Date().toISOString().slice(0, 10), ground })}>Record representation</Button>
          </div>
        )}
        <div className="case-actions">
          <TextField label="Reason (cancel, accept or reject)" value={reason} onChange={setReason} />
          {can('representation-accepted') && <Button busy={busy} disabled={reason.trim().length < 3} onClick={() => void act('Representation accepted', { action: 'accept-representation', reason })}>Accept representation</Button>}
          {can('representation-rejected') && <Button busy={busy} disabled={reason.trim().length < 3} onClick={() => void act('Representation rejected', { action: 'reject-representation', reason })}>Reject representation</Button>}
          {can('cancelled') && <Button variant="danger" busy={busy} disabled={reason.trim().length < 3} onClick={() => void act('Case cancelled', { action: 'cancel', reason })}>Cancel case</Button>}
        </div>
        <table className="case-history">
          <caption>History</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Step</th><th scope="col">Stage</th></tr></thead>
          <tbody>
            {p.history.map((h, i) => (
              <tr key={i}><td>{ukDateTime(h.at)}</td><td>{h.actorName}</td><td>{h.action}</td><td>{stageLabels[h.toStage] ?? h.toStage}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <EvidencePanel pcnId={p.id} />
    </Panel>
  );
}
