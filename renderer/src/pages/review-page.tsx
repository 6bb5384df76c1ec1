import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';

/** Review: the queue of detected events an officer decides on. */
export function ReviewPage() {
  return (
    <>
      <PageHeader title="Review" description="Events from the enforcement cameras waiting for an officer’s decision." />
      <Panel title="Review queue">
        <EmptyState
          title="Nothing to review"
          icon="☰"
          points={[
            'watch the clip and stills for each detected event (bus lane, bus gate, box junction, banned turn, no entry, school street, parking);',
            'confirm the registration mark and check it against the white list;',
            'decide: issue a PCN, reject with a reason, or refer to a supervisor.',
          ]}
        >
          <p>When cameras detect a possible contravention, the event appears here for review, oldest first. For each event you will:</p>
        </EmptyState>
      </Panel>
    </>
  );
}
