import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../../utils/plugin';
import { SLUG } from '../audience/subscribe-input';

/** Lists for API tokens, read-only: all of them, or one by id or slug. */
export default ({ strapi }: { strapi: Core.Strapi }) =>
  ({
    async find(ctx) {
      ctx.body = { data: await getService(strapi, 'lists').findAll() };
    },

    async findOne(ctx) {
      const ref = String(ctx.params.ref);
      if (!/^[1-9]\d{0,15}$/.test(ref) && !SLUG.test(ref))
        throw new errors.ValidationError('A list is named by its id or its slug.');
      const [list] = await getService(strapi, 'apiSubscribers')
        .resolveLists([/^\d+$/.test(ref) ? Number(ref) : ref])
        .catch(() => []);
      if (!list) throw new errors.NotFoundError(`List ${ref} not found`);
      ctx.body = { data: list };
    },
  }) satisfies Core.Controller;
