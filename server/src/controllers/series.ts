import type { Core } from '@strapi/strapi';
import type { SeriesListResponse, SeriesResponse } from '../contracts';
import { getService } from '../utils/plugin';
import { validateSeries, validateSeriesId } from '../validation/series';

type Context = Parameters<Core.ControllerHandler>[0];

/** The series admin API (docs/architecture.md, "Series"): parse, validate, call the `series` service. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const series = () => getService(strapi, 'series');
  const id = (ctx: Context) => validateSeriesId(ctx.params.id);

  return {
    async find(ctx: Context) {
      ctx.body = { data: await series().list() } satisfies SeriesListResponse;
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await series().findOne(await id(ctx)) } satisfies SeriesResponse;
    },

    async create(ctx: Context) {
      const input = await validateSeries(ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await series().create(input) } satisfies SeriesResponse;
    },

    async update(ctx: Context) {
      const seriesId = await id(ctx);
      ctx.body = {
        data: await series().update(seriesId, await validateSeries(ctx.request.body)),
      } satisfies SeriesResponse;
    },

    async delete(ctx: Context) {
      ctx.body = { data: await series().delete(await id(ctx)) } satisfies SeriesResponse;
    },

    async pause(ctx: Context) {
      ctx.body = { data: await series().pause(await id(ctx)) } satisfies SeriesResponse;
    },

    async resume(ctx: Context) {
      ctx.body = { data: await series().resume(await id(ctx)) } satisfies SeriesResponse;
    },
  };
};
