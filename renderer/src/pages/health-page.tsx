import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';

/** Health & defects: daily checks and reported faults. */
export function HealthPage() {
  return (
    <>
      <PageHeader title="Health & defects" description="Camera health checks and defects in cameras, signs and lines." />
      <Panel title="Health checks and defects">
        <EmptyState
          title="No health checks or defects recorded"
          icon="✚"
          points={[
            'run the daily camera health check: picture, focus, clock, recording;',
            'report a defect in a camera, or in the signs and lines it enforces;',
            'follow each defect until it is repaired.',
          ]}
        >
          <p>Enforcement only stands when the camera and the on-street signs and lines are right. Here you will:</p>
        </EmptyState>
      </Panel>
    </>
  );
}
