import type { Core } from '@strapi/strapi';
import type { Subscriber, SubscriberPage } from '../../contracts';
import { getService } from '../../utils/plugin';
import { validateId, validateSubscriberQuery } from '../audience/admin-input';
import { clientInfo } from '../audience/http';
import { requestBody } from '../request';
import { validateApiSubscriber } from '../../validation/content-api';

/** Subscribers for API tokens: `find`/`findOne` for read-only tokens, `upsert` for the others. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const subscribers = () => getService(strapi, 'subscribers');
  return {
    async find(ctx) {
      const { results, pagination } = await subscribers().find(await validateSubscriberQuery(ctx.query));
      ctx.body = { data: results, meta: { pagination } } satisfies SubscriberPage;
    },

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
