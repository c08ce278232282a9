/**
 * People added or updated by a site's own backend through the content API (Strapi API tokens),
 * idempotently by address. Without consent data a new person is `pending` and gets the
 * confirmation mail of any sign-up; with it (where and when the site obtained consent) they are
 * subscribed at once and the consent log keeps those facts. People who left, bounced or complained
 * must confirm again either way (subscription-plan.ts). See docs/architecture.md, "Content API".
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../../utils/plugin';
import { normalizeEmail } from './email-address';
import type { ClientInfo } from './subscriptions';
import type { ApiConsent, ApiSubscriberInput, ListRefInput, MailingList, Subscriber } from '../../contracts';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const lists = () => getService(strapi, 'lists');

  /** Lists named by id or slug, public or not (a token is the site's own); unknown ones answer 400. */
  async function resolveLists(refs: ListRefInput[]): Promise<MailingList[]> {
    const ids = refs.filter((ref): ref is number => typeof ref === 'number');
    const slugs = refs.filter((ref): ref is string => typeof ref === 'string');
    const found = [...(await lists().findByIds(ids)), ...(await lists().findBySlugs(slugs))];
    const missing = refs.filter((ref) => !found.some((list) => list.id === ref || list.slug === ref));
    if (missing.length) throw new errors.ValidationError(`Unknown list: ${missing.join(', ')}`);
    return [...new Map(found.map((list) => [list.id, list])).values()];
  }

  function consentTime(consent: ApiConsent): Date {
    const at = new Date(consent.at);
    if (at.getTime() > getService(strapi, 'clock').now().getTime() + 60_000)
      throw new errors.ValidationError('consent.at cannot be in the future.');
    return at;
  }

  return {
    resolveLists,

    async upsert(input: ApiSubscriberInput, client: ClientInfo): Promise<{ subscriber: Subscriber; created: boolean }> {
      const check = normalizeEmail(input.email);
      if (!check.ok) throw new errors.ValidationError(check.reason);
      if (await getService(strapi, 'suppressions').isSuppressed(check.email))
        throw new errors.ValidationError('This address was erased at its owner’s request and cannot be added again.');
      const { consent } = input;
      const consentAt = consent ? consentTime(consent) : null;
      const chosen = await resolveLists(input.lists);
      const { id, created } = await getService(strapi, 'subscriptions').applyTarget(
        {
          email: check.email,
          name: input.name ?? null,
          lists: [],
          form: null,
          locale: input.locale ?? null,
          consent: Boolean(consent),
          attributes: input.attributes ?? null,
        },
        consent?.ip ? { ...client, ip: consent.ip } : client,
        {
          // Consent given elsewhere joins at once; without it, every list waits for the person's click.
          lists: chosen.map((list) => ({ id: list.id, doubleOptIn: !consent })),
          doubleOptIn: !consent,
          successUrl: null,
          source: 'api',
          consentText: consent?.text ?? null,
          provider: null,
          trusted: { consentAt, consentData: consent ? { consentSource: consent.source, consentAt } : {} },
        },
      );
      // The consent log stays out of the answer: a token reads a person, not their history.
      const { events: _history, ...subscriber } = await getService(strapi, 'subscribers').findOne(id);
      return { subscriber, created };
    },
  };
};
