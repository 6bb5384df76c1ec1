// Child process for the crash test: issues PCN numbers as fast as it can and
// prints each one only after its transaction has committed ("acknowledged").
import { Store } from '../../main/store/store.js';
import { PcnStore } from '../../main/store/pcn-store.js';

const store = Store.open(process.argv[2]!);
const pcns = new PcnStore(store.db);
for (let i = 0; ; i++) {
  const p = pcns.allocateAndInsert({
    kind: 'pcn', eventId: i + 1, cameraId: 1, restrictionId: null, restrictionType: 'bus-lane', area: 'london', place: 'p', vrm: `CR${process.pid}X${i}`, contraventionAt: 1, contraventionDate: '2025-01-06',
    code: '34J', codeDescription: 'd', amountPence: 1, discountPence: 1, certificatePence: 1, serviceBy: '2025-02-01', notes: '', vehicleMake: null, vehicleColour: null, officerId: null, officerName: 'o',
  }, (seq) => `ZY${String(seq).padStart(8, '0')}`, 'approved', { id: null, name: 'o' }, Date.now(), {});
  process.stdout.write(`${p.sequence}\n`);
}
