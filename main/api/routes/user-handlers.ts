import type { Handlers } from '../handler.js';
import { actorOf, signedIn } from '../handler.js';
import { toUser } from '../to-user.js';
import { conflict, notFound } from '../api-failure.js';
import type { CoreContext } from '../../core-context.js';

export function userHandlers(core: CoreContext): Pick<Handlers, 'listUsers' | 'createUser' | 'updateUser'> {
  return {
    listUsers: () => core.store.users.list().map(toUser),
    createUser: async (ctx) => toUser(await core.auth.createUser(ctx.body, actorOf(signedIn(ctx)))),
    updateUser: (ctx) => {
      const me = signedIn(ctx);
      const target = core.store.users.byId(ctx.params.id);
      if (!target) throw notFound(`user ${ctx.params.id}`);
      const losesAdmin = target.role === 'administrator' && ((ctx.body.role && ctx.body.role !== 'administrator') || ctx.body.disabled === true);
      // An installation must never be left with nobody able to administer it.
      if (losesAdmin && core.store.users.countByRole('administrator') <= 1) throw conflict('this is the last administrator; add another first');
      core.store.users.update(target.id, ctx.body);
      if (ctx.body.disabled) core.store.sessions.deleteForUser(target.id);
      core.audit.record(actorOf(me), 'user.update', `user:${target.id}`, { ...ctx.body });
      return toUser(core.store.users.byId(target.id)!);
    },
  };
}
