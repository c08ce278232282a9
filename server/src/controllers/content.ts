import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EntriesAnswer } from '../contracts';
import { isSiteCollectionType } from '../services/content';
import { getService } from '../utils/plugin';
import { validateEntriesRequest } from '../validation/content';

type Context = Parameters<Core.ControllerHandler>[0];

interface PermissionChecker {
  cannot: { read(): boolean };
  sanitizeOutput(entry: Record<string, unknown>): Promise<Record<string, unknown>>;
  sanitizedQuery: { read(query: object): Promise<{ filters?: Record<string, unknown> }> };
}

/** The Content Manager's own checker: an editor reads here only what they may read there. */
function contentManagerChecker(strapi: Core.Strapi, ctx: Context, uid: string): PermissionChecker {
  return strapi
    .plugin('content-manager')
    .service('permission-checker')
    .create({ userAbility: ctx.state.userAbility, model: uid }) as PermissionChecker;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `POST /content/entries`: chosen entries as templates see them, for the campaign to keep. */
  async entries(ctx: Context) {
    const { uid, documentIds, locale } = await validateEntriesRequest(ctx.request.body);
    if (!isSiteCollectionType(strapi, uid)) throw new errors.ValidationError(`${uid} is not a collection type`);
    const checker = contentManagerChecker(strapi, ctx, uid);
    if (checker.cannot.read()) {
      // A PolicyError, as Strapi hides the message of any other 403 thrown behind its auth check.
      throw new errors.PolicyError(`Forbidden: reading ${uid} needs its "Read" permission in the Content Manager`);
    }
    // Conditions (such as "is creator") narrow the entries; field permissions narrow each entry.
    const { filters } = await checker.sanitizedQuery.read({});
    const sanitize = (entry: Record<string, unknown>) => checker.sanitizeOutput(entry);
    const data = await getService(strapi, 'entryContent').load(uid, documentIds, locale, { filters, sanitize });
    ctx.body = { data } satisfies EntriesAnswer;
  },
});
