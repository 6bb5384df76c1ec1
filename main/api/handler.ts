import type { BodyOut, ParamsOut, QueryOut, Reply, RouteName } from './contract.js';
import type { UserRow } from '../store/users-store.js';

export interface RequestContext<N extends RouteName> {
  body: BodyOut<N>;
  query: QueryOut<N>;
  params: ParamsOut<N>;
  /** The signed-in user; null only on public routes. */
  user: UserRow | null;
  token: string | null;
  ip: string;
}

export type Handler<N extends RouteName> = (ctx: RequestContext<N>) => Promise<Reply<N>> | Reply<N>;
export type Handlers = { [N in RouteName]: Handler<N> };

/** The signed-in user of a route that is not public (the server guarantees it). */
export function signedIn<N extends RouteName>(ctx: RequestContext<N>): UserRow {
  if (!ctx.user) throw new Error('route reached without a user: access rules are wrong');
  return ctx.user;
}

export function actorOf(user: UserRow): { id: number; name: string } {
  return { id: user.id, name: user.username };
}
