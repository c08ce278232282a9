import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ApiResponse, Audience, Overview } from '../contracts';
import { getService } from '../utils/plugin';

/** `?lists=1,2` → [1, 2]; anything else is refused rather than guessed. */
function idList(query: unknown, name: 'lists' | 'segments'): number[] {
  if (query === undefined || query === '') return [];
  const ids = String(query).split(',').map(Number);
  if (ids.length > 100 || ids.some((id) => !Number.isInteger(id) || id < 1)) {
    throw new errors.ValidationError(`${name} must be a comma-separated list of ids`);
  }
  return ids;
}

export default ({ strapi }: { strapi: Core.Strapi }) =>
  ({
    async get(ctx) {
      ctx.body = { data: await getService(strapi, 'overview').summary() } satisfies ApiResponse<Overview>;
    },

    async audience(ctx) {
      ctx.body = {
        data: await getService(strapi, 'overview').audience(
          idList(ctx.query.lists, 'lists'),
          ctx.query.provider ? String(ctx.query.provider) : undefined,
          idList(ctx.query.segments, 'segments'),
        ),
      } satisfies ApiResponse<Audience>;
    },
  }) satisfies Core.Controller;
