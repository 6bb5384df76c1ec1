/**
 * Review queue benchmark (issue 5 item 7): `review.next_case_ms`, the time
 * from POSTing a decision to the next case's data being in the client's hands
 * (the decision reply carries the next case: the one the page prefetched,
 * else a fresh claim), over real HTTP against a core with every feature.
 * Baseline, same core and connection: a bare GET of one event row.
 * The page also prefetches, so in the UI the next case is on screen before
 * this round trip ends; this figure is the worst case (nothing prefetched).
 */
import { EventsStore } from '../../../main/store/events-store.js';
import { RestrictionsStore } from '../../../main/store/restrictions-store.js';
import { call } from '../../support/api-client.js';
import { startTestCore } from '../../support/test-core.js';
import { percentile, type BenchSuite, type Figure } from '../figure.js';

const CASES = 150;

export const reviewSuite: BenchSuite = {
  name: 'review',
  async run(): Promise<Figure[]> {
    const t = await startTestCore();
    try {
      const tokens = await t.signInAll();
      const db = t.core.context.store.db;
      const rid = new RestrictionsStore(db).insert({ cameraId: 1, type: 'bus-lane', schedule: 'At any time', permitted: ['bus'], trafficOrderRef: 'TRO 1', signsInOrder: true, signsNote: '', enforcementStart: null, area: 'england' }, 'bench', Date.now());
      const events = new EventsStore(db);
      const L = 'ABCDEFGHJKLMNOPRSTUVWXY';
      const base = Date.now() - 6 * 3600_000;
      db.transaction(() => {
        for (let i = 0; i < CASES * 2 + 20; i++) {
          const at = base + i * 10_000;
          // Some vehicles come back, so the history lookups have rows to find.
          const vrm = `${L[i % 23]}${L[(i >> 2) % 23]}${String(10 + (i % 13))}${L[(i * 7) % 23]}${L[(i * 3) % 23]}${L[(i * 5) % 23]}`;
          events.insert({ cameraId: 1, restrictionId: rid, restrictionType: 'bus-lane', vrm, origin: 'manual', firstSeenAt: at, lastSeenAt: at + 1000, clipStart: at - 4000, clipEnd: at + 6000, status: 'queued', holdReason: null, inForceWhy: '', nearMisses: [], note: '', createdBy: 'bench', createdAt: at }, []);
        }
      })();
      const token = tokens.officer;
      let current = (await call(t.url, 'reviewNext', { token, body: {} })).json.case as { event: { id: number } };
      const ours: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < CASES && current; i++) {
        let t0 = performance.now();
        const g = await call(t.url, 'getCandidateEvent', { token, params: { id: current.event.id } });
        bare.push(performance.now() - t0);
        if (g.status !== 200) throw new Error(`getCandidateEvent: ${JSON.stringify(g.json)}`);
        t0 = performance.now();
        const r = await call(t.url, 'reviewDecide', { token, params: { id: current.event.id }, body: { outcome: 'reject', reason: 'duplicate', viewMs: 5000 } });
        ours.push(performance.now() - t0);
        if (r.status !== 200) throw new Error(`reviewDecide: ${JSON.stringify(r.json)}`);
        current = r.json.next;
      }
      ours.sort((a, b) => a - b);
      bare.sort((a, b) => a - b);
      const r1 = (x: number) => Math.round(x * 10) / 10;
      return [
        {
          name: 'review.next_case_ms',
          value: r1(percentile(ours, 50)),
          unit: 'ms',
          baseline: r1(percentile(bare, 50)),
          baselineLabel: `bare GET of one event row (median of ${ours.length}; p95 decide+next ${r1(percentile(ours, 95))} ms vs ${r1(percentile(bare, 95))} ms)`,
          goal: '≤ 100 ms from decision to the next case (prefetched in the page)',
        },
      ];
    } finally {
      await t.stop();
    }
  },
};
