import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';

/** Reports: for supervisors and administrators. */
export function ReportsPage() {
  return (
    <>
      <PageHeader title="Reports" description="Defect, availability and quality reports for supervisors." />
      <Panel title="Reports">
        <EmptyState
          title="No reports yet"
          icon="▦"
          points={[
            'camera availability and outages over a period, and time to repair defects;',
            'PCN quality: decisions, cancellations and appeal outcomes per officer;',
            'timescales at risk: cases close to a statutory deadline.',
          ]}
        >
          <p>Reports are built from the recordings, defects and cases the workstation holds. Here you will run:</p>
        </EmptyState>
      </Panel>
    </>
  );
}
