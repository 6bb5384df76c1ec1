import { useEffect, useRef, useState } from 'react';
import type { CodeChoice } from '../../../../main/api/contract';
import { Button } from '../../components/button';

export type DecisionMode = 'contravention' | 'reject' | 'refer' | null;

export type DecisionBody =
  | { outcome: 'contravention'; code: string; notes: string }
  | { outcome: 'reject'; reason: 'exempt-vehicle' | 'emergency' | 'plate-unreadable' | 'not-in-contravention' | 'sign-defect' | 'duplicate' | 'other'; reasonText: string; notes: string }
  | { outcome: 'refer'; note: string };

export interface DecisionPanelProps {
  mode: DecisionMode;
  onMode: (m: DecisionMode) => void;
  codes: readonly CodeChoice[];
  reasons: readonly { id: string; label: string; needsText: boolean }[];
  busy: boolean;
  onSubmit?: (d: DecisionBody) => void;
}

/**
 * The officer's decision, keyboard first: C, X or S opens the form with
 * focus in its first field; in the reject form the digits 1–7 pick the
 * reason; Enter decides; Esc goes back to the clip.
 */
export function DecisionPanel({ mode, onMode, codes, reasons, busy, onSubmit }: DecisionPanelProps) {
  const [code, setCode] = useState('');
  const [suffix, setSuffix] = useState('');
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const [reasonText, setReasonText] = useState('');
  const [problemFor, setProblemFor] = useState<{ mode: DecisionMode; text: string } | null>(null);
  // A problem belongs to the form it was found in; another form starts clean.
  const problem = problemFor && problemFor.mode === mode ? problemFor.text : null;
  const setProblem = (text: string) => setProblemFor({ mode, text });
  const first = useRef<HTMLSelectElement & HTMLInputElement & HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const chosenCode = codes.find((c) => c.code === code) ?? codes[0];

  useEffect(() => {
    if (mode) first.current?.focus();
  }, [mode]);

  useEffect(() => {
    if (mode !== 'reject') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') return;
      const n = Number(e.key);
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && (t as HTMLInputElement).type === 'text'))) return;
      if (Number.isInteger(n) && n >= 1 && n <= reasons.length) {
        e.preventDefault();
        setReason(reasons[n - 1]!.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, reasons]);

  const submit = () => {
    if (busy) return;
    if (mode === 'contravention') {
      if (!chosenCode) return setProblem('No contravention code fits this restriction: reject or refer the event.');
      onSubmit?.({ outcome: 'contravention', code: `${chosenCode.display}${suffix}`, notes });
    } else if (mode === 'reject') {
      const r = reasons.find((x) => x.id === reason);
      if (!r) return setProblem('Choose a reason (1–7).');
      if (r.needsText && !reasonText.trim()) return setProblem('Say why in words.');
      onSubmit?.({ outcome: 'reject', reason: r.id as Extract<DecisionBody, { outcome: 'reject' }>['reason'], reasonText: reasonText.trim(), notes });
    } else if (mode === 'refer') {
      if (notes.trim().length < 3) return setProblem('Say what the supervisor should look at.');
      onSubmit?.({ outcome: 'refer', note: notes.trim() });
    }
    setProblemFor(null);
    setNotes('');
    setReasonText('');
    setReason('');
    setSuffix('');
  };

  return (
    <section className="decision" aria-labelledby="decision-title">
      <h2 id="decision-title" className="panel__title">
        Decision
      </h2>
      <div className="decision__modes" role="group" aria-label="Decision">
        <Button variant={mode === 'contravention' ? 'primary' : 'secondary'} onClick={() => onMode('contravention')} aria-keyshortcuts="C" aria-pressed={mode === 'contravention'}>
          Contravention (C)
        </Button>
        <Button variant={mode === 'reject' ? 'primary' : 'secondary'} onClick={() => onMode('reject')} aria-keyshortcuts="X" aria-pressed={mode === 'reject'}>
          Reject (X)
        </Button>
        <Button variant={mode === 'refer' ? 'primary' : 'secondary'} onClick={() => onMode('refer')} aria-keyshortcuts="S" aria-pressed={mode === 'refer'}>
          Refer to supervisor (S)
        </Button>
      </div>
      {mode ? (
        <form
          ref={form}
          className="decision__form"
          aria-label={mode === 'contravention' ? 'Contravention' : mode === 'reject' ? 'Reject' : 'Refer to a supervisor'}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onMode(null);
            } else if (e.key === 'Enter' && (e.target as HTMLElement).tagName !== 'TEXTAREA') {
              e.preventDefault();
              submit();
            }
          }}
        >
          {mode === 'contravention' ? (
            <>
              <div className="field">
                <label className="field__label" htmlFor="decision-code">
                  Contravention code
                </label>
                <select id="decision-code" ref={first} className="select" value={chosenCode?.code ?? ''} onChange={(e) => setCode(e.target.value)}>
                  {codes.length === 0 ? <option value="">no code fits this restriction</option> : null}
                  {codes.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.display} — {c.description}
                    </option>
                  ))}
                </select>
              </div>
              {chosenCode && chosenCode.suffixes.length ? (
                <div className="field">
                  <label className="field__label" htmlFor="decision-suffix">
                    Variant
                  </label>
                  <select id="decision-suffix" className="select" value={suffix} onChange={(e) => setSuffix(e.target.value)}>
                    <option value="">none</option>
                    {chosenCode.suffixes.map((s) => (
                      <option key={s.suffix} value={s.suffix}>
                        {s.suffix} — {s.meaning}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
            </>
          ) : null}
          {mode === 'reject' ? (
            <fieldset className="decision__reasons">
              <legend>Reason (press 1–{reasons.length})</legend>
              {reasons.map((r, i) => (
                <label key={r.id} className="decision__reason">
                  <input type="radio" name="reason" value={r.id} checked={reason === r.id} onChange={() => setReason(r.id)} ref={i === 0 ? first : undefined} />
                  <kbd>{i + 1}</kbd> {r.label}
                </label>
              ))}
              {reasons.find((r) => r.id === reason)?.needsText ? (
                <div className="field">
                  <label className="field__label" htmlFor="decision-reason-text">
                    Why (required for “other”)
                  </label>
                  <input id="decision-reason-text" className="input" type="text" value={reasonText} onChange={(e) => setReasonText(e.target.value)} maxLength={500} />
                </div>
              ) : null}
            </fieldset>
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor="decision-notes">
              {mode === 'refer' ? 'Note for the supervisor' : 'Notes'} {mode === 'refer' ? null : <span className="field__optional">(optional)</span>}
            </label>
            <textarea id="decision-notes" ref={mode === 'refer' ? first : undefined} className="input" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} />
          </div>
          {problem ? (
            <p className="field__error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="decision__actions">
            <Button type="submit" variant="primary" busy={busy}>
              {mode === 'contravention' ? 'Issue (Enter)' : mode === 'reject' ? 'Reject (Enter)' : 'Refer (Enter)'}
            </Button>
            <Button onClick={() => onMode(null)}>Back to clip (Esc)</Button>
          </div>
        </form>
      ) : (
        <p className="decision__hint">Watch the clip, then press C, X or S.</p>
      )}
    </section>
  );
}
