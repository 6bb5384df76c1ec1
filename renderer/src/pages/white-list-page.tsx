import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';

/** White list: exempt vehicles, kept accurate by officers. */
export function WhiteListPage() {
  return (
    <>
      <PageHeader title="White list" description="Vehicles exempt from camera enforcement, and for which restrictions." />
      <Panel title="Exempt vehicles">
        <EmptyState
          title="The white list is empty"
          icon="✓"
          points={[
            'add vehicles by registration mark: buses, emergency services, permit holders, council fleet;',
            'limit each exemption to restrictions, locations and dates;',
            'see every change in the audit log, with who made it and why.',
          ]}
        >
          <p>Vehicles on this list are not sent for review when a camera sees them. Here you will:</p>
        </EmptyState>
      </Panel>
    </>
  );
}
