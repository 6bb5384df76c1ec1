import type { CoreContext } from '../core-context.js';

/** Sign-ins of the demo installation, printed at start so a new user can try each role. */
export const demoUsers = [
  { username: 'admin', displayName: 'Alex Administrator', officerNumber: null, role: 'administrator', password: 'kestrel harbour 2026' },
  { username: 'supervisor', displayName: 'Sam Supervisor', officerNumber: 'S0142', role: 'supervisor', password: 'lantern meadow 2026' },
  { username: 'officer', displayName: 'Olivia Officer', officerNumber: 'CEO0317', role: 'officer', password: 'granite willow 2026' },
] as const;

/** Creates the demo users and council settings once (a demo data folder only). */
export async function seedDemoUsers(core: CoreContext): Promise<void> {
  if (!core.auth.needsFirstAdministrator()) return;
  const by = { id: null, name: 'demo-seed' };
  const [first, ...rest] = demoUsers;
  await core.auth.createUser({ ...first }, by, { firstAdministrator: true });
  for (const u of rest) await core.auth.createUser({ ...u }, by);
  core.store.settings.set('council.name', 'Demo Borough Council', 'demo-seed', Date.now());
  core.store.settings.set('pcn.prefix', 'DB', 'demo-seed', Date.now());
}
