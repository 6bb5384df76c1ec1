// Child for pcn-number-crash.test.ts: allocates PCN numbers and kills itself
// with SIGKILL in the middle of the Nth allocation's transaction (after the
// sequence UPDATE, before the INSERT commits).
import { Store } from '../../../main/store/store.js';
import { PcnStore } from '../../../main/store/pcn-store.js';
import { formatPcnNumber } from '../../../main/domain/pcn-number.js';

const [dir, killAtText] = process.argv.slice(2);
const killAt = Number(killAtText);
const store = Store.open(dir!);
const pcns = new PcnStore(store.db);
for (let i = 1; ; i++) {
  pcns.allocateAndInsert(
    {
      kind: 'pcn', eventId: i, cameraId: 1, restrictionId: 1, restrictionType: 'bus-lane', area: 'england', place: 'p', vrm: `AB${String(i).padStart(2, '0')}CDE`,
      contraventionAt: Date.parse('2025-03-04T08:00:00Z'), contraventionDate: '2025-03-04', code: '34J', codeDescription: 'd', amountPence: 7000,
      discountPence: 3500, certificatePence: 10500, serviceBy: '2025-03-31', notes: '', vehicleMake: null, vehicleColour: null, officerId: null, officerName: 'o',
    },
    (seq) => {
      if (i === killAt) process.kill(process.pid, 'SIGKILL');
      return formatPcnNumber({ prefix: 'DB', sequence: seq });
    },
    'approved', { id: null, name: 'o' }, Date.now(), {},
  );
  process.stdout.write(`${i}\n`);
}
