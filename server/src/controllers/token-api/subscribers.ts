import type { Core } from '@strapi/strapi';
import type { Subscriber } from '../../contracts';
import { PLUGIN_ID } from '../../constants';
import { getService } from '../../utils/plugin';
import { validateId } from '../audience/admin-input';
import { clientInfo } from '../audience/http';
import { requestBody } from '../request';
import { validateApiSubscriber } from '../../validation/content-api';

/** Subscribers for API tokens: `find`/`findOne` for read-only tokens, `upsert` for the others. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const subscribers = () => getService(strapi, 'subscribers');
  return {
    /** The admin's search, with its query and its answer. */
    find: (ctx, next) => strapi.plugin(PLUGIN_ID).controller('subscribers').find(ctx, next),

    async findOne(ctx) {
      const { events: _history, ...subscriber } = await subscribers().findOne(await validateId(ctx.params.id));
      ctx.body = { data: subscriber satisfies Subscriber };
    },

    /** Creates or updates the person with this address: repeating a request changes nothing more. */
    async upsert(ctx) {
      const input = await validateApiSubscriber(requestBody(ctx));
      const { subscriber, created } = await getService(strapi, 'apiSubscribers').upsert(input, clientInfo(ctx));
      ctx.status = created ? 201 : 200;
      ctx.body = { data: subscriber, meta: { created } };
    },
  } satisfies Core.Controller;
};
