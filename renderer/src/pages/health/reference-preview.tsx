import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { formatUkDateTime } from '../../lib/format-time';
import { AuthedImage } from './authed-image';

/**
 * The picture check compares each sample with a reference view an officer
 * approved (moved / obstructed / blurred are judged against it). This shows
 * the latest sample beside the reference, so the officer approves a view
 * they have seen. Pictures load on request: each is a look at the camera.
 */
export function ReferencePreview({ cameraId, name }: { cameraId: number; name: string }) {
  const api = useApi();
  const [shown, setShown] = useState(false);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const approve = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await api.call('healthApproveReference', { params: { id: cameraId } });
      setMessage({ tone: 'success', text: `Reference view approved at ${formatUkDateTime(r.approvedAt)} (${r.width}×${r.height}, sharpness ${Math.round(r.sharpness)}).` });
      setShown(true);
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="health-section" aria-label="Reference view">
      <h3>Reference view</h3>
      <p className="muted">Moved, obstructed and blurred pictures are judged against the view approved here. Approve it only when the camera shows what it should enforce.</p>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {shown ? (
        <div className="health-pictures">
          <figure>
            <AuthedImage className="health-picture" path={`/api/health/cameras/${cameraId}/sample.png`} alt={`Latest sample from ${name}`} version={version} />
            <figcaption>Latest sample</figcaption>
          </figure>
          <figure>
            <AuthedImage className="health-picture" path={`/api/health/cameras/${cameraId}/reference.png`} alt={`Approved reference view of ${name}`} version={version} />
            <figcaption>Approved reference</figcaption>
          </figure>
        </div>
      ) : null}
      <div className="form-actions form-actions--start">
        {shown ? (
          <Button size="small" onClick={() => setVersion((v) => v + 1)}>
            Reload pictures
          </Button>
        ) : (
          <Button size="small" onClick={() => setShown(true)}>
            Compare sample with reference
          </Button>
        )}
        <Button size="small" variant="primary" busy={busy} onClick={() => void approve()}>
          Approve current view as reference
        </Button>
      </div>
    </section>
  );
}
