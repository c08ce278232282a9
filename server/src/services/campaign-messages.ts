import type { Core } from '@strapi/strapi';
import type { SendMailOptions } from 'nodemailer';
import { TABLES, knex } from '../database/tables';
import { service } from '../utils/plugin';
import { buildCampaignHeaders, compileCampaign, confirmationHeaders, prepareTemplate, renderMessage, type PreparedTemplate } from './composer';
import type { ClaimedDelivery } from './outbox';
import type { ResolvedProvider } from './providers';
import { standInRecipient, templateFields } from './template-vars';

/** What a campaign needs to render any recipient: parsed once per saved version. */
interface CampaignTemplate {
  id: number;
  version: string;
  fields: Record<string, unknown>;
  prepared: PreparedTemplate;
  from: SendMailOptions['from'];
  replyTo?: string;
  listId: string;
  /** Content-Transfer-Encoding of the HTML and text parts, chosen once for the campaign. */
  textEncoding: 'quoted-printable' | 'base64';
}

interface SubscriberRow {
  id: number;
  email: string;
  name: string | null;
  locale: string | null;
  attributes: Record<string, unknown> | null;
}

/** A row's message, or why it is not sent: skipped (no longer wanted) or failed (cannot be built). */
export type BuiltMessage = { message: SendMailOptions } | { skip: string } | { fail: string };

/**
 * nodemailer's own choice between quoted-printable and base64 (more Latin letters than other
 * characters: quoted-printable), made once per campaign instead of by scanning every message.
 */
function textEncodingOf(html: string): 'quoted-printable' | 'base64' {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80) other++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return other < latin ? 'quoted-printable' : 'base64';
}

const parseJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value ?? null);

/**
 * Builds the nodemailer message of each claimed row: campaign mail per recipient, test sends,
 * and confirmation mails (rendered by the subscribers service).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cache = new Map<number, CampaignTemplate>();
  const links = () => service(strapi, 'links');

  async function template(campaignId: number, provider: ResolvedProvider): Promise<CampaignTemplate> {
    // A cheap version probe first: the whole row (MJML, HTML) is read only when it changed.
    const probe: any = await knex(strapi)(TABLES.campaigns).where('id', campaignId).first('updated_at');
    if (!probe) throw new Error(`Campaign ${campaignId} no longer exists`);
    const version = String(probe.updated_at);
    const cached = cache.get(campaignId);
    if (cached && cached.version === version) return cached;
    const row: any = await knex(strapi)(TABLES.campaigns).where('id', campaignId).first();

    const fields = templateFields({ ...row, id: Number(row.id) });
    const entries = parseJson(row.entries) ?? [];
    // The admin compiles on save; compile here only if that cache is missing.
    const html = row.html || (await compileCampaign({ mjml: row.mjml ?? '', campaign: fields, entries })).html;
    const firstList: any = await knex(strapi)(`${TABLES.campaignLists} as cl`)
      .join(`${TABLES.lists} as l`, 'l.id', 'cl.list_id')
      .where('cl.campaign_id', campaignId)
      .orderBy('cl.id')
      .first('l.slug');
    const from = row.from_email ? { name: row.from_name ?? '', address: row.from_email } : provider.from ?? provider.auth?.user;
    if (!from) throw new Error('No From address: set one on the campaign or on the provider (from)');

    const built: CampaignTemplate = {
      id: Number(row.id),
      version,
      fields,
      prepared: prepareTemplate({ html, subject: row.subject ?? '' }),
      from,
      replyTo: row.reply_to ?? provider.replyTo,
      listId: `${firstList?.slug ?? `campaign-${row.id}`}.${links().mailDomain()}`,
      textEncoding: textEncodingOf(html),
    };
    cache.set(campaignId, built);
    return built;
  }

  async function subscribers(rows: ClaimedDelivery[]): Promise<Map<number, SubscriberRow>> {
    const ids = [...new Set(rows.filter((r) => r.kind === 'campaign' && r.subscriberId).map((r) => r.subscriberId as number))];
    if (ids.length === 0) return new Map();
    const found = await knex(strapi)(TABLES.subscribers).whereIn('id', ids).select('id', 'email', 'name', 'locale', 'attributes');
    return new Map(found.map((s: any) => [Number(s.id), { ...s, id: Number(s.id), attributes: parseJson(s.attributes) }]));
  }

  function campaignMessage(t: CampaignTemplate, row: ClaimedDelivery, subscriber: SubscriberRow | undefined): SendMailOptions {
    const vars = subscriber
      ? {
          subscriber: { ...(subscriber.attributes ?? {}), ...subscriber },
          campaign: t.fields,
          unsubscribe_url: links().unsubscribeUrl(subscriber.id, t.id),
          preferences_url: links().preferencesUrl(subscriber.id),
        }
      : standInRecipient(strapi, t.fields, row.email);
    const rendered = renderMessage(t.prepared, vars);
    const unsubscribeUrl = vars.unsubscribe_url;
    const { messageId, headers } = buildCampaignHeaders({
      campaignId: t.id,
      deliveryId: row.id,
      listId: t.listId,
      unsubscribeUrl,
      messageIdDomain: links().mailDomain(),
    });
    return {
      from: t.from,
      replyTo: t.replyTo,
      to: subscriber?.name ? { name: subscriber.name, address: row.email } : row.email,
      subject: subscriber ? rendered.subject : `[Test] ${rendered.subject}`,
      html: rendered.html,
      text: rendered.text,
      messageId,
      headers,
      textEncoding: t.textEncoding,
    };
  }

  function campaignRow(t: CampaignTemplate, row: ClaimedDelivery, people: Map<number, SubscriberRow>): BuiltMessage {
    if (row.kind === 'test') return { message: campaignMessage(t, row, undefined) };
    const subscriber = people.get(row.subscriberId as number);
    return subscriber ? { message: campaignMessage(t, row, subscriber) } : { skip: 'The subscriber no longer exists' };
  }

  async function confirmationMessage(provider: ResolvedProvider, row: ClaimedDelivery): Promise<BuiltMessage> {
    const confirmation = await service(strapi, 'subscribers').renderConfirmation(row);
    if (!confirmation) return { skip: 'The confirmation is no longer needed' };
    const from = provider.from ?? provider.auth?.user;
    if (!from) return { fail: 'No From address: set "from" on the provider' };
    return {
      message: {
        from,
        to: confirmation.to,
        subject: confirmation.subject,
        html: confirmation.html,
        text: confirmation.text,
        headers: confirmationHeaders(),
      },
    };
  }

  return {
    /** The message of every row of a claimed batch, by delivery id. */
    async build(provider: ResolvedProvider, rows: ClaimedDelivery[]): Promise<Map<number, BuiltMessage>> {
      const people = await subscribers(rows);
      // One template lookup per campaign in the batch, not per row.
      const templates = new Map<number, Promise<CampaignTemplate>>();
      const templateOf = (id: number) => templates.get(id) ?? templates.set(id, template(id, provider)).get(id)!;
      const built = new Map<number, BuiltMessage>();
      for (const row of rows) {
        try {
          built.set(row.id, row.kind === 'confirmation' ? await confirmationMessage(provider, row) : campaignRow(await templateOf(row.campaignId as number), row, people));
        } catch (error) {
          built.set(row.id, { fail: (error as Error).message });
        }
      }
      return built;
    },

    forget(campaignId: number) {
      cache.delete(campaignId);
    },
  };
};
