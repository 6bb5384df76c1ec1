import { useState, type FormEvent } from 'react';
import type { DiscoveredCamera } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Loading } from '../../components/loading';
import { TextField } from '../../components/text-field';

/**
 * ONVIF discovery: a WS-Discovery probe on the local network (multicast) and
 * to any addresses typed here (cameras on other subnets answer only to those).
 */
export function DiscoverDialog({ open, onClose, onPick }: { open: boolean; onClose: () => void; onPick: (d: DiscoveredCamera) => void }) {
  const api = useApi();
  const [targets, setTargets] = useState('');
  const [found, setFound] = useState<{ devices: DiscoveredCamera[]; warnings: string[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const list = targets.split(/[\s,]+/).filter((t) => t !== '');
      setFound(await api.call('discoverCameras', { body: { targets: list, multicast: true, timeoutMs: 3000 } }));
    } catch (err) {
      setFound(null);
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} title="Discover cameras" wide>
      <form className="form-stack" onSubmit={run} aria-label="Discover cameras">
        <TextField
          label="Also ask these addresses"
          optional
          value={targets}
          onChange={setTargets}
          hint="host or host:port, separated by commas (port 3702 if left out). The local network is always searched."
          autoComplete="off"
          spellCheck={false}
        />
        <div>
          <Button type="submit" variant="primary" busy={busy}>
            {busy ? 'Searching…' : 'Search'}
          </Button>
        </div>
      </form>
      {failure ? (
        <Alert tone="error" title="Discovery failed.">
          {failure}
        </Alert>
      ) : null}
      {busy ? <Loading label="Listening for cameras (3 seconds)…" /> : null}
      {found && !busy ? (
        found.devices.length === 0 ? (
          <Alert tone="info" title="No cameras answered.">
            Check that the cameras are powered and on this network, or type their addresses above.
            {found.warnings.length ? ` (${found.warnings.join('; ')})` : ''}
          </Alert>
        ) : (
          <>
            <p role="status">
              {found.devices.length} camera{found.devices.length === 1 ? '' : 's'} found.
            </p>
            <ul className="discovered-list" aria-label="Cameras found">
              {found.devices.map((d) => (
                <li key={d.endpoint}>
                  <div>
                    <strong>{d.name ?? 'Unnamed camera'}</strong> <span className="muted">{d.hardware ?? ''}</span>
                    <div className="muted">
                      {d.host ? `${d.host}:${d.port ?? ''}` : d.xaddrs[0] ?? 'no address'}
                      {d.location ? ` · ${d.location}` : ''}
                    </div>
                  </div>
                  {d.cameraId !== null ? (
                    <Badge tone="neutral">Already added</Badge>
                  ) : (
                    <Button size="small" disabled={!d.host} onClick={() => onPick(d)} aria-label={`Add ${d.name ?? d.endpoint}`}>
                      Add
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
    </Dialog>
  );
}
