import type { Core } from '@strapi/strapi';
import type { EngagementResponse } from '../contracts';
import { getService } from '../utils/plugin';
import { validateId } from '../validation/campaigns';

/** `GET /campaigns/:id/engagement` (docs/architecture.md, "Engagement", Report). */
export default ({ strapi }: { strapi: Core.Strapi }) =>
  ({
    async report(ctx) {
      const campaignId = await validateId(ctx.params.id);
      ctx.body = {
        data: await getService(strapi, 'engagementReport').report(campaignId),
      } satisfies EngagementResponse;
    },
  }) satisfies Core.Controller;
