import type { Core } from '@strapi/strapi';
import type { ApiResponse, ComposerSettings } from '../contracts';
import { publicBase } from '../services/links';

type Context = Parameters<Core.ControllerHandler>[0];

/** What the editor needs from the server's config: mail needs absolute image addresses. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async settings(ctx: Context) {
    ctx.body = { data: { publicUrl: publicBase(strapi) } } satisfies ApiResponse<ComposerSettings>;
  },
});
