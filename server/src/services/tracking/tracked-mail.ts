/**
 * What tracking puts into each message (docs/architecture.md, "Engagement"): service
 * `trackedMail`, used by the sender's `campaign-messages`.
 *
 * Once per saved version and language: the tracked links get their campaign-link ids, and a
 * second parsed template is made where each tracked href and the pixel's address is a Liquid
 * slot. Per message: untracked messages render the plain template (the compiled HTML less its
 * `data-no-track` attributes) exactly as before; tracked ones render the other with one signed
 * token per link, so the per-recipient render stays one Liquid pass.
 */
import type { Core } from '@strapi/strapi';
import { prepareTemplate, type PreparedTemplate } from '../composing';
import type { CampaignTracking } from '../../contracts';
import { dialect, knex } from '../../database/connection';
import { getService, pluginConfig } from '../../utils/plugin';
import { publicBase } from '../links';
import type { Secrets } from '../tokens';
import { messageTracking } from './decision';
import { linkIds } from './link-rows';
import { findAnchors, rewriteAnchors } from './links';
import { OPEN_PATH } from './pixel';
import { TRACKING_VARIABLE, withTrackingSlots, type SlotValues } from './slots';
import { campaignTracking } from './settings';
import { signTrackingToken, type TrackingToken } from './tokens';

const CLICK_PATH = '/api/email-campaigns/l/';

/** The tracked copy of one language's template. */
interface TrackedTemplate {
  prepared: PreparedTemplate;
  /** The campaign-link id behind each link slot. */
  linkIds: number[];
}

/** One language of a campaign as the sender renders it, tracked or not. */
export interface MailTemplates {
  /** The compiled HTML less its `data-no-track` attributes: what an untracked message renders. */
  plain: PreparedTemplate;
  /** With slots for the links (when the campaign tracks clicks) and the pixel (opens); null when not tracked. */
  tracked: TrackedTemplate | null;
  settings: CampaignTracking;
}

export interface MessageContext {
  campaignId: number;
  deliveryId: number;
  rowKind: string;
  /** The recipient; none for a test send. */
  subscriberId: number | null;
  optedOut: boolean;
}

/** What one message renders: the template and the variables the slots read (none when untracked). */
export interface MessageTemplate {
  prepared: PreparedTemplate;
  vars: Record<string, SlotValues>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const site = () => pluginConfig(strapi).tracking;

  return {
    /**
     * The templates of one language of a campaign (`html`: its compiled HTML). The tracked copy
     * is made only when the site tracks and the campaign asks for opens or clicks.
     */
    async templates(
      campaignId: number,
      storedTracking: unknown,
      compiled: { html: string; subject: string; entries?: Record<string, unknown>[] | null },
    ): Promise<MailTemplates> {
      const settings = campaignTracking(storedTracking);
      const wanted = site().enabled && settings.mode !== 'off' && (settings.opens || settings.clicks);
      // The tokenizer's pass is skipped for an untracked campaign with nothing to strip.
      const anchors = wanted || /data-no-track/i.test(compiled.html) ? findAnchors(compiled.html) : [];
      const plain = prepareTemplate({ ...compiled, html: rewriteAnchors(compiled.html, anchors, null) });
      if (!wanted) return { plain, tracked: null, settings };

      const { html, urls } = withTrackingSlots(compiled.html, anchors, settings);
      const ids = await linkIds(knex(strapi), dialect(strapi), campaignId, urls);
      return { plain, tracked: { prepared: prepareTemplate({ ...compiled, html }), linkIds: ids }, settings };
    },

    /** The template and slot values of one message: tracked only as "Off unless enabled" says. */
    forMessage(templates: MailTemplates, message: MessageContext): MessageTemplate {
      const tracking = messageTracking({
        site: site(),
        campaign: templates.settings,
        rowKind: message.rowKind,
        optedOut: message.optedOut,
      });
      if (!tracking || !templates.tracked || message.subscriberId === null)
        return { prepared: templates.plain, vars: {} };
      const secrets = pluginConfig(strapi).secret as Secrets;
      const base = publicBase(strapi);
      const token: Omit<TrackingToken, 'kind'> = {
        campaignId: message.campaignId,
        deliveryId: message.deliveryId,
        subscriberId: message.subscriberId,
        sentAt: Math.floor(getService(strapi, 'clock').now().getTime() / 1000),
        mode: tracking.mode,
      };
      const links = (tracking.clicks ? templates.tracked.linkIds : []).map(
        (linkId) => base + CLICK_PATH + signTrackingToken(secrets, { ...token, kind: 'click', linkId }),
      );
      const open = tracking.opens ? base + OPEN_PATH + signTrackingToken(secrets, { ...token, kind: 'open' }) : null;
      return { prepared: templates.tracked.prepared, vars: { [TRACKING_VARIABLE]: { links, open } } };
    },
  };
};
