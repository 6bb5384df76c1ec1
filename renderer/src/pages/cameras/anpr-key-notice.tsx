import { Alert } from '../../components/alert';

/** An ANPR ingest key is shown once, when made: the core keeps only its hash. */
export function AnprKeyNotice({ cameraName, anprKey }: { cameraName: string; anprKey: string }) {
  return (
    <Alert tone="warning" title={`ANPR key for ${cameraName} — copy it now.`}>
      <p>
        Configure the camera’s ANPR push with this key. It will not be shown again; issue a new one if it is lost.
      </p>
      <p className="anpr-key" data-testid="anpr-key">
        {anprKey}
      </p>
    </Alert>
  );
}
