import { useState, type FormEvent } from 'react';
import type { WhiteListCheck } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/text-field';

/** Is this VRM exempt, by which entry, and which listed marks are near misses (never exempt). */
export function CheckPanel() {
  const api = useApi();
  const [vrm, setVrm] = useState('');
  const [camera, setCamera] = useState('');
  const [result, setResult] = useState<WhiteListCheck | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setResult(await api.call('checkWhiteList', { query: { vrm, ...(camera ? { cameraId: Number(camera) } : {}) } }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <form className="white-list-check" onSubmit={submit} aria-label="Check a registration mark">
      <TextField label="Mark to check" value={vrm} onChange={setVrm} required autoComplete="off" />
      <TextField label="Camera id" value={camera} onChange={setCamera} optional inputMode="numeric" />
      <Button type="submit">Check</Button>
      {error && <Alert tone="error">{error}</Alert>}
      {result && (
        <div className="check-result" aria-live="polite">
          <Alert tone={result.exempt ? 'success' : 'info'} title={result.exempt ? `Exempt (entry #${result.exemptBy})` : 'Not exempt'}>
            {result.explanation}
          </Alert>
          {result.nearMisses.length > 0 && (
            <Alert tone="warning" title="Near misses (never an exemption)">
              <ul aria-label="Near misses">
                {result.nearMisses.map((n) => (
                  <li key={n.vrm}>
                    <span className="mono">{n.vrm}</span> ({n.category}, entries {n.entryIds.join(', ')}): {n.how}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
        </div>
      )}
    </form>
  );
}
