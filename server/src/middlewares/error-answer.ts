import type { Context } from 'koa';

/**
 * An error answer in Strapi's shape, written by the app-level middlewares of register.ts: they
 * run before Strapi's error middleware, so an error they threw would not be shaped.
 */
export function sendError(ctx: Context, status: number, name: string, message: string): void {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
}
