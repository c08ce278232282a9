import type { Core } from '@strapi/strapi';
import type { ApiResponse, ComposerSettings } from '../contracts';
import { publicBase } from '../services/links';
import { pluginConfig } from '../utils/plugin';

type Context = Parameters<Core.ControllerHandler>[0];

/**
 * What the editor needs from the server's config: mail needs absolute image addresses, and the
 * tracking controls say when the site's switches override the campaign's.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async settings(ctx: Context) {
    const { enabled, aggregateOnly } = pluginConfig(strapi).tracking;
    ctx.body = {
      data: { publicUrl: publicBase(strapi), tracking: { enabled, aggregateOnly } },
    } satisfies ApiResponse<ComposerSettings>;
  },
});
