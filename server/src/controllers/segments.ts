import type { Core } from '@strapi/strapi';
import type { ApiResponse, BulkActionResult, Segment, SegmentCount } from '../contracts';
import { ACTIONS } from '../constants';
import { actionId } from '../permissions';
import { getService } from '../utils/plugin';
import { adminUserId, requestBody } from './request';
import { validateId } from '../validation/campaigns';
import { BulkCountChanged } from '../services/segments/bulk-actions';
import {
  validateBulkAction,
  validateCountBody,
  validateSegmentCreate,
  validateSegmentUpdate,
} from '../validation/segments';

type Context = Parameters<Core.ControllerHandler>[0];

function can(ctx: Context, action: string): boolean {
  const ability = ctx.state.userAbility as { can(action: string): boolean } | undefined;
  return ability?.can(actionId(action)) === true;
}

/** Admin API of segments and bulk actions; see docs/architecture.md, "Segments". */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const segments = () => getService(strapi, 'segments');
  return {
    async find(ctx) {
      ctx.body = { data: await segments().findAll() } satisfies ApiResponse<Segment[]>;
    },
    async findOne(ctx) {
      ctx.body = { data: await segments().findOne(await validateId(ctx.params.id)) } satisfies ApiResponse<Segment>;
    },
    async create(ctx) {
      ctx.status = 201;
      ctx.body = { data: await segments().create(await validateSegmentCreate(requestBody(ctx))) };
    },
    async update(ctx) {
      const id = await validateId(ctx.params.id);
      ctx.body = { data: await segments().update(id, await validateSegmentUpdate(requestBody(ctx))) };
    },
    async delete(ctx) {
      await segments().delete(await validateId(ctx.params.id));
      ctx.status = 204;
    },
    async count(ctx) {
      const count = await segments().count(await validateCountBody(requestBody(ctx)));
      ctx.body = { data: { count } } satisfies ApiResponse<SegmentCount>;
    },
    async countSaved(ctx) {
      const segment = await segments().findOne(await validateId(ctx.params.id));
      ctx.body = { data: { count: await segments().count(segment.rules) } } satisfies ApiResponse<SegmentCount>;
    },
    /** Export needs the export right, every other action the right to change subscribers. */
    async bulk(ctx) {
      const input = await validateBulkAction(requestBody(ctx));
      const needed = input.action === 'export' ? ACTIONS.subscribersExport : ACTIONS.subscribersWrite;
      if (!can(ctx, needed)) return ctx.forbidden(`This action needs the "${needed}" permission.`);
      try {
        const result = await getService(strapi, 'bulkActions').perform(input, adminUserId(ctx));
        ctx.body = { data: result } satisfies ApiResponse<BulkActionResult>;
      } catch (error) {
        if (!(error instanceof BulkCountChanged)) throw error;
        ctx.conflict(error.message, { count: error.actual });
      }
    },
  } satisfies Core.Controller;
};
