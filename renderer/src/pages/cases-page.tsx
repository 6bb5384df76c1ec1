import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';

/** Cases: PCNs from issue to close. */
export function CasesPage() {
  return (
    <>
      <PageHeader title="Cases" description="Penalty Charge Notices and everything that follows them." />
      <Panel title="Cases">
        <EmptyState
          title="No cases yet"
          icon="▤"
          points={[
            'the notice, its charge and the statutory timescales (discount, charge certificate);',
            'the signed evidence pack: clip, stills and a manifest of SHA-256 hashes;',
            'representations, appeals to the Traffic Penalty Tribunal and witness statements.',
          ]}
        >
          <p>A case opens when an officer issues a PCN from Review. Each case will hold:</p>
        </EmptyState>
      </Panel>
    </>
  );
}
