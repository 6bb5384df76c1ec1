import type { Handlers } from '../handler.js';
import { actorOf, signedIn } from '../handler.js';
import { toUser } from '../to-user.js';
import type { CoreContext } from '../../core-context.js';

export function authHandlers(core: CoreContext): Pick<Handlers, 'setupStatus' | 'createFirstAdministrator' | 'login' | 'logout' | 'me' | 'changePassword'> {
  return {
    setupStatus: () => ({ needsFirstAdministrator: core.auth.needsFirstAdministrator(), councilName: core.councilName() }),
    createFirstAdministrator: async ({ body, ip }) =>
      toUser(await core.auth.createUser({ ...body, role: 'administrator' }, { id: null, name: `first-run@${ip}` }, { firstAdministrator: true })),
    login: async ({ body, ip }) => {
      const s = await core.auth.login(body.username, body.password, ip);
      return { token: s.token, expiresAt: s.expiresAt, user: toUser(s.user) };
    },
    logout: (ctx) => {
      core.auth.logout(ctx.token!, signedIn(ctx));
      return { ok: true as const };
    },
    me: (ctx) => toUser(signedIn(ctx)),
    changePassword: async (ctx) => {
      await core.auth.changePassword(signedIn(ctx), ctx.body.currentPassword, ctx.body.newPassword);
      return { ok: true as const };
    },
  };
}

export { actorOf };
