/**
 * The domain check of a provider, registered as the `domainCheck` service: SPF, DKIM and DMARC of
 * its From domain, through the resolver of `feedback.dns`. See docs/architecture.md, "Domain check".
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { DomainCheck } from '../../contracts';
import { getService, pluginConfig } from '../../utils/plugin';
import { checkDomain } from './domain-check';

/** The domain of `Name <news@example.org>` or `news@example.org`; null when there is none. */
export function addressDomain(address: string | undefined): string | null {
  const match = /@([^\s@<>]+?)>?\s*$/.exec(address ?? '');
  return match ? match[1].toLowerCase() : null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async checkProvider(name: string): Promise<DomainCheck> {
    await getService(strapi, 'providers').load();
    const provider = getService(strapi, 'providers').get(name);
    if (!provider) throw new errors.NotFoundError(`Provider "${name}" not found`);
    // The From a campaign of this provider sends with when it names none (see campaign-messages).
    const fromDomain = addressDomain(provider.from ?? provider.auth?.user);
    if (!fromDomain) {
      throw new errors.ValidationError(
        `The provider "${name}" has no From address with a domain: set one to check its domain.`,
      );
    }
    const result = await checkDomain({
      fromDomain,
      provider: { preset: provider.preset, host: provider.host },
      dkim: provider.dkim ?? null,
      resolver: pluginConfig(strapi).feedback.dns,
    });
    return { provider: name, fromDomain, ...result };
  },
});
