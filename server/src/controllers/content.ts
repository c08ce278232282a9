import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EntriesAnswer } from '../contracts';
import { isSiteCollectionType } from '../services/content';
import { getService } from '../utils/plugin';
import { validateEntriesRequest } from '../validation/content';

type Context = Parameters<Core.ControllerHandler>[0];

// The Content Manager's own action: an editor reads here only what they may read there.
const CONTENT_MANAGER_READ = 'plugin::content-manager.explorer.read';

interface UserAbility {
  can(action: string, subject: string): boolean;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `POST /content/entries`: chosen entries as templates see them, for the campaign to keep. */
  async entries(ctx: Context) {
    const { uid, documentIds, locale } = await validateEntriesRequest(ctx.request.body);
    if (!isSiteCollectionType(strapi, uid)) throw new errors.ValidationError(`${uid} is not a collection type`);
    const ability = ctx.state.userAbility as UserAbility | undefined;
    if (!ability?.can(CONTENT_MANAGER_READ, uid)) {
      // A PolicyError, as Strapi hides the message of any other 403 thrown behind its auth check.
      throw new errors.PolicyError(`Forbidden: reading ${uid} needs its "Read" permission in the Content Manager`);
    }
    const data = await getService(strapi, 'entryContent').load(uid, documentIds, locale);
    ctx.body = { data } satisfies EntriesAnswer;
  },
});
