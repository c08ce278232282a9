import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ApiResponse, ProviderResumed, ProviderView } from '../contracts';
import { getService } from '../utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) =>
  ({
    async list(ctx) {
      await getService(strapi, 'providers').load();
      ctx.body = { data: getService(strapi, 'providers').views() } satisfies ApiResponse<ProviderView[]>;
    },

    /** Lifts the provider's pause and sends again at once. */
    async resume(ctx) {
      const name = String(ctx.params.name);
      await getService(strapi, 'providers').load();
      if (
        !getService(strapi, 'providers')
          .views()
          .some((view) => view.name === name)
      ) {
        throw new errors.NotFoundError(`Provider "${name}" not found`);
      }
      const resumedAt = await getService(strapi, 'providerState').resume(name);
      getService(strapi, 'sender').kick();
      const data: ProviderResumed = { name, resumedAt: resumedAt.toISOString() };
      ctx.body = { data };
    },
  }) satisfies Core.Controller;
