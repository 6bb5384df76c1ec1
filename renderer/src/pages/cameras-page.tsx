import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';

/** Cameras: the estate of enforcement cameras. */
export function CamerasPage() {
  return (
    <>
      <PageHeader title="Cameras" description="The enforcement camera estate: locations, restrictions and streams." />
      <Panel title="Camera estate">
        <EmptyState
          title="No cameras yet"
          icon="◎"
          points={[
            'add a camera by address or find it on the network (ONVIF discovery);',
            'record its location, the restriction it enforces and its signed hours;',
            'check its clock, streams and recording, and see when it was last seen.',
          ]}
        >
          <p>An administrator adds the council’s enforcement cameras here. Once added, each camera records continuously and appears on Live. On this page you will:</p>
        </EmptyState>
      </Panel>
    </>
  );
}
