/** Readers of what Koa's types leave as `any` on an admin or public request. */
import type { Context } from 'koa';

/** The parsed body; koa-body types it `any`, so it leaves here as unknown, to be validated. */
export function requestBody(ctx: Context): unknown {
  return ctx.request.body;
}

/** What Strapi's admin authentication puts on the state of an admin request. */
interface AdminAuthState {
  user?: { id: number };
}

/** The signed-in admin user, recorded in the subscriber events their changes write. */
export function adminUserId(ctx: Context): number | undefined {
  return (ctx.state as AdminAuthState | undefined)?.user?.id;
}
