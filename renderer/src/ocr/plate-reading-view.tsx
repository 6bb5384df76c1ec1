import type { PlateReadingDto } from '../../../main/api/contract';
import { Badge } from '../components/badge';

/** One OCR reading as the officer sees it: what was read, what the UK format suggests and why, and how sure. */
export function PlateReadingView({ reading }: { reading: PlateReadingDto }) {
  const changed = reading.changes.length > 0;
  const tone = reading.confidence >= 85 ? 'ok' : reading.confidence >= 60 ? 'warn' : 'danger';
  return (
    <dl className="plate-reading" data-testid="ocr-reading">
      <dt>OCR read</dt>
      <dd>
        <code data-testid="ocr-raw">{reading.raw || '—'}</code> <Badge tone={tone}>{Math.round(reading.confidence)} % confident</Badge>
      </dd>
      <dt>Suggestion</dt>
      <dd>
        <strong className="plate-reading__vrm" data-testid="ocr-suggestion">
          {reading.display || '—'}
        </strong>{' '}
        {reading.valid ? <Badge tone="ok">{reading.format} format</Badge> : <Badge tone="warn">fits no UK format</Badge>}
      </dd>
      {changed ? (
        <>
          <dt>Corrected</dt>
          <dd>
            <ul className="plate-reading__changes">
              {reading.changes.map((c) => (
                <li key={`${c.position}${c.from}${c.to}`}>
                  {c.to ? `${c.from} → ${c.to}` : `${c.from} dropped`} at {c.position}: {c.why}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {reading.alternatives.length ? (
        <>
          <dt>Could also be</dt>
          <dd>{reading.alternatives.join(', ')}</dd>
        </>
      ) : null}
    </dl>
  );
}
