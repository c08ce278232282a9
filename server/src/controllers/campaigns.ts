import type { Core } from '@strapi/strapi';
import type { ApiResponse, Delivery, PageResponse, Preview, Report, SiteLocale, TestSent } from '../contracts';
import { errors } from '@strapi/utils';
import { ACTIONS } from '../constants';
import { actionId } from '../permissions';
import { getService } from '../utils/plugin';
import { CampaignStateError } from '../services/campaign-status';
import {
  validateCreate,
  validateDeliveriesQuery,
  isListingOnly,
  validateId,
  validateListQuery,
  validatePreview,
  validateResend,
  validateSchedule,
  validateTestSend,
  validateUpdate,
} from '../validation/campaigns';

type Context = Parameters<Core.ControllerHandler>[0];

function canWriteCampaigns(ctx: Context): boolean {
  const ability = ctx.state.userAbility as { can(action: string): boolean } | undefined;
  return ability?.can(actionId(ACTIONS.campaignsWrite)) === true;
}
type Handler = (ctx: Context) => Promise<void>;

/** Strapi answers every ApplicationError with 400; a campaign in the wrong status is a 409. */
export function withConflicts(handlers: Record<string, Handler>): Record<string, Handler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      async (ctx: Context) => {
        try {
          await handler(ctx);
        } catch (error) {
          if (!(error instanceof CampaignStateError)) throw error;
          ctx.conflict(error.message, error.details);
        }
      },
    ]),
  );
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const campaigns = () => getService(strapi, 'campaigns');
  const reports = () => getService(strapi, 'reports');
  const id = (ctx: Context) => validateId(ctx.params.id);

  return withConflicts({
    async find(ctx) {
      const { results, pagination } = await campaigns().findMany(await validateListQuery(ctx.query));
      ctx.body = { data: results, meta: { pagination } };
    },

    async findOne(ctx) {
      ctx.body = { data: await campaigns().findOne(await id(ctx)) };
    },

    async create(ctx) {
      const { campaign, errors } = await campaigns().create(await validateCreate(ctx.request.body));
      ctx.status = 201;
      ctx.body = { data: campaign, meta: { errors } };
    },

    async update(ctx) {
      const campaignId = await id(ctx);
      const input = await validateUpdate(ctx.request.body);
      // Listing in the archive changes nothing sent: allowed in every status ("Engagement").
      const { campaign, errors } = isListingOnly(input)
        ? await getService(strapi, 'archive').setPublic(campaignId, input.public)
        : await campaigns().update(campaignId, input);
      ctx.body = { data: campaign, meta: { errors } };
    },

    async delete(ctx) {
      ctx.body = { data: await campaigns().delete(await id(ctx)) };
    },

    async duplicate(ctx) {
      const { campaign, errors } = await campaigns().duplicate(await id(ctx));
      ctx.status = 201;
      ctx.body = { data: campaign, meta: { errors } };
    },

    async locales(ctx) {
      ctx.body = { data: await campaigns().locales() } satisfies ApiResponse<SiteLocale[]>;
    },

    async preview(ctx) {
      ctx.body = {
        data: await campaigns().preview(await validatePreview(ctx.request.body ?? {})),
      } satisfies ApiResponse<Preview>;
    },

    async previewSaved(ctx) {
      const campaignId = await id(ctx);
      const input = await validatePreview(ctx.request.body ?? {});
      // Template source from the request runs in a render worker: that is writing, not reading.
      // Choosing which saved language to see (`locale`) is reading.
      const { locale: _language, ...source } = input;
      if (Object.values(source).some((value) => value !== undefined) && !canWriteCampaigns(ctx)) {
        // A PolicyError, as Strapi hides the message of any other 403 thrown behind its auth check.
        throw new errors.PolicyError(
          'Forbidden: previewing changed content needs the "Create and edit campaigns" permission; ' +
            'send an empty body to preview the campaign as saved.',
        );
      }
      ctx.body = { data: await campaigns().preview(input, campaignId) } satisfies ApiResponse<Preview>;
    },

    async schedule(ctx) {
      const campaignId = await id(ctx);
      ctx.body = { data: await campaigns().schedule(campaignId, await validateSchedule(ctx.request.body)) };
    },

    async send(ctx) {
      ctx.body = { data: await campaigns().sendNow(await id(ctx)) };
    },

    async pause(ctx) {
      ctx.body = { data: await campaigns().pause(await id(ctx)) };
    },

    async resume(ctx) {
      ctx.body = { data: await campaigns().resume(await id(ctx)) };
    },

    async cancel(ctx) {
      const { campaign, skipped } = await campaigns().cancel(await id(ctx));
      ctx.body = { data: campaign, meta: { skipped } };
    },

    async resend(ctx) {
      const campaignId = await id(ctx);
      const { statuses } = await validateResend(ctx.request.body);
      const { campaign, requeued } = await campaigns().resend(campaignId, statuses);
      ctx.body = { data: campaign, meta: { requeued } };
    },

    async testSend(ctx) {
      const campaignId = await id(ctx);
      const { emails } = await validateTestSend(ctx.request.body);
      ctx.body = { data: await campaigns().testSend(campaignId, emails) } satisfies TestSent;
    },

    async report(ctx) {
      ctx.body = { data: await reports().report(await id(ctx)) } satisfies ApiResponse<Report>;
    },

    async deliveries(ctx) {
      const campaignId = await id(ctx);
      const query = await validateDeliveriesQuery(ctx.query);
      await campaigns().findOne(campaignId);
      const { results, pagination } = await reports().deliveries(campaignId, query);
      ctx.body = { data: results, meta: { pagination } } satisfies PageResponse<Delivery>;
    },
  });
};
