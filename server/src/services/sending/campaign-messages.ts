import { secretList } from '../tokens';
import type { Core } from '@strapi/strapi';
import type { SendMailOptions } from 'nodemailer';
import { TABLES } from '../../constants';
import { knex } from '../../database/connection';
import { readJson } from '../../database/json';
import { getService, pluginConfig } from '../../utils/plugin';
import { isTemplateError, renderMessage, TemplateError, type CampaignSource } from '../composing';
import type { ClaimedDelivery } from './outbox';
import type { ResolvedProvider } from '../providers';
import { buildCampaignHeaders, confirmationHeaders, deliveryMessageId } from './headers';
import { deliveryReference, type ReferenceSettings } from './delivery-reference';
import { standInRecipient, templateFields } from '../template-vars';
import { readVersions, versionContent } from '../composing/versions';
import type { LoadedAttachment } from '../attachments';
import type { CampaignEntry } from '../../contracts';
import { parseVariantSubjects, withVariantSubject } from '../ab-test/subjects';
import type { MailTemplates } from '../tracking/tracked-mail';

const CACHE_IDLE_MS = 10 * 60_000;

/** The upload file ids stored on a campaign (JSON). */
function readAttachmentIds(value: unknown): number[] {
  const ids = readJson(value);
  return Array.isArray(ids) ? ids.map(Number).filter((id) => Number.isInteger(id) && id > 0) : [];
}

/** What templates see as `subscriber`: its attributes and columns, not its tracking choice. */
function templateSubscriber({ tracking_opt_out: _optedOut, ...person }: SubscriberRow) {
  return { ...(person.attributes ?? {}), ...person };
}

/** One language of a campaign, parsed once per saved version. */
interface LanguageTemplate {
  fields: Record<string, unknown>;
  /** Parsed, plain and (when the campaign tracks) with tracking slots: "Engagement". */
  templates: MailTemplates;
  /** The `lang` of its messages; null: each recipient's own. */
  lang: string | null;
  /** Content-Transfer-Encoding of the HTML and text parts, chosen once for the language. */
  textEncoding: 'quoted-printable' | 'base64';
}

/** What a campaign needs to render any recipient: built once per saved version. */
interface CampaignTemplate {
  id: number;
  version: string;
  /** The default content, and each language version by its locale (versions.ts). */
  main: LanguageTemplate;
  languages: Map<string, LanguageTemplate>;
  from: SendMailOptions['from'];
  replyTo?: string;
  listId: string;
  /** Read from storage once per saved version, shared by every message (attachments.ts). */
  attachments: LoadedAttachment[];
  /** An A/B test's subjects, parsed (ab-test/subjects.ts); none without a test. */
  variants: ReturnType<typeof parseVariantSubjects>;
}

/** The columns of a campaign row the messages are built from. */
interface CampaignRow {
  id: number | string;
  name: string | null;
  subject: string | null;
  preheader: string | null;
  from_name: string | null;
  from_email: string | null;
  reply_to: string | null;
  mjml: string | null;
  html: string | null;
  entries: unknown;
  default_locale: string | null;
  versions: unknown;
  attachments: unknown;
  ab_test: unknown;
  tracking: unknown;
}

interface SubscriberRow {
  id: number;
  email: string;
  name: string | null;
  locale: string | null;
  attributes: Record<string, unknown> | null;
  tracking_opt_out?: unknown;
}

/**
 * A claimed batch, ready to send. Rows that will not be sent are known up front; the message of
 * each other row is rendered only when it is about to go, so at most the messages in flight are
 * alive at once (rendered up front, a whole batch of HTML outlived the young generation and piled
 * up in the old one: peak RSS while sending grew with the batch).
 */
export interface PreparedBatch {
  /** No longer wanted (unsubscribed, erased, confirmation no longer needed), with the reason. */
  skipped: Map<number, string>;
  /** Cannot be built (campaign gone, no From address), with the reason. */
  failed: Map<number, string>;
  /**
   * The message of a row that is neither skipped nor failed. Throws when its template cannot be
   * built or rendered: the sender then pauses the campaign rather than failing the row.
   */
  message(row: ClaimedDelivery): SendMailOptions;
}

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

/**
 * Builds the nodemailer message of each claimed row: campaign mail per recipient, test sends,
 * and confirmation mails (rendered by the subscribers service).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cache = new Map<number, CampaignTemplate>();
  // When each cached campaign was last used: one not sent from for a while gives back its memory
  // (its attachments can weigh megabytes), and is read again if it ever sends more.
  const lastUsed = new Map<number, number>();
  const forgetIdle = (now: number) => {
    for (const [id, at] of lastUsed) {
      if (now - at < CACHE_IDLE_MS) continue;
      cache.delete(id);
      lastUsed.delete(id);
    }
  };
  const links = () => getService(strapi, 'links');
  const installationId = () => getService(strapi, 'installation').id();
  const trackedMail = () => getService(strapi, 'trackedMail');

  function referenceSettings(): ReferenceSettings {
    const { secret, feedback } = pluginConfig(strapi);
    const mailbox = feedback.bounceMailbox;
    return { secret: secretList(secret)[0], verp: mailbox ? mailbox.verp : undefined };
  }

  async function template(campaignId: number, provider: ResolvedProvider): Promise<CampaignTemplate> {
    // A cheap version probe first: the whole row (MJML, HTML) is read only when it changed.
    const probe: { updated_at: unknown } | undefined = await knex(strapi)(TABLES.campaigns)
      .where('id', campaignId)
      .first('updated_at');
    if (!probe) throw new Error(`Campaign ${campaignId} no longer exists`);
    const version = String(probe.updated_at);
    forgetIdle(Date.now());
    lastUsed.set(campaignId, Date.now());
    const cached = cache.get(campaignId);
    if (cached && cached.version === version) return cached;
    const row: CampaignRow | undefined = await knex(strapi)(TABLES.campaigns).where('id', campaignId).first();
    if (!row) throw new Error(`Campaign ${campaignId} no longer exists`);

    const main = await language({ ...row, entries: readJson(row.entries) as CampaignEntry[] | null }, row);
    const languages = new Map<string, LanguageTemplate>();
    for (const version of readVersions(readJson(row.versions))) {
      const content = versionContent({ ...row, entries: readJson(row.entries) as CampaignEntry[] | null }, version);
      languages.set(version.locale, await language({ ...content, html: version.html ?? null }, row, version.locale));
    }
    const firstList: { slug: string } | undefined = await knex(strapi)(`${TABLES.campaignLists} as cl`)
      .join(`${TABLES.lists} as l`, 'l.id', 'cl.list_id')
      .where('cl.campaign_id', campaignId)
      .orderBy('cl.id')
      .first('l.slug');
    const from = row.from_email
      ? { name: row.from_name ?? '', address: row.from_email }
      : (provider.from ?? provider.auth?.user);
    if (!from) throw new Error('No From address: set one on the campaign or on the provider (from)');

    const built: CampaignTemplate = {
      id: Number(row.id),
      version,
      main,
      languages,
      from,
      replyTo: row.reply_to ?? provider.replyTo,
      listId: `${firstList?.slug ?? `campaign-${row.id}`}.${links().mailDomain()}`,
      attachments: await getService(strapi, 'attachments').load(readAttachmentIds(row.attachments)),
      variants: parseVariantSubjects(row.ab_test),
    };
    cache.set(campaignId, built);
    return built;
  }

  /** One language's content, parsed; `lang` null for the default content without a locale. */
  async function language(
    content: Pick<CampaignRow, 'name' | 'subject' | 'preheader' | 'mjml' | 'html'> & {
      entries: CampaignEntry[] | null;
    },
    row: CampaignRow,
    lang: string | null = row.default_locale,
  ): Promise<LanguageTemplate> {
    const fields = templateFields({ ...content, id: Number(row.id) });
    // The admin compiles on save; compile here (in a render worker) only if that cache is missing.
    const html =
      content.html ||
      (await compileMissing({ mjml: content.mjml ?? '', campaign: fields, entries: content.entries ?? [] }));
    const compiled = { html, subject: content.subject ?? '', entries: content.entries };
    return {
      fields,
      templates: await trackedMail().templates(Number(row.id), row.tracking, compiled),
      lang,
      textEncoding: textEncodingOf(html),
    };
  }

  async function compileMissing(source: CampaignSource): Promise<string> {
    const { html, errors } = await getService(strapi, 'renderPool').compile(source);
    if (!html || errors.length) throw new TemplateError(errors[0]?.message ?? 'The template compiles to nothing');
    return html;
  }

  async function subscribers(rows: ClaimedDelivery[]): Promise<Map<number, SubscriberRow>> {
    const ids = [
      ...new Set(rows.filter((r) => r.kind === 'campaign' && r.subscriberId).map((r) => r.subscriberId as number)),
    ];
    if (ids.length === 0) return new Map();
    const found: Array<Omit<SubscriberRow, 'id' | 'attributes'> & { id: number | string; attributes: unknown }> =
      await knex(strapi)(TABLES.subscribers)
        .whereIn('id', ids)
        .select('id', 'email', 'name', 'locale', 'attributes', 'tracking_opt_out');
    return new Map(
      found.map((s) => [
        Number(s.id),
        { ...s, id: Number(s.id), attributes: readJson(s.attributes) as SubscriberRow['attributes'] },
      ]),
    );
  }

  function campaignMessage(
    provider: ResolvedProvider,
    t: CampaignTemplate,
    row: ClaimedDelivery,
    subscriber: SubscriberRow | undefined,
  ): SendMailOptions {
    // The version chosen when the audience was materialized; the default when it has none.
    const lang = (row.locale && t.languages.get(row.locale)) || t.main;
    const vars = subscriber
      ? {
          subscriber: templateSubscriber(subscriber),
          campaign: lang.fields,
          unsubscribe_url: links().unsubscribeUrl(subscriber.id, t.id),
          preferences_url: links().preferencesUrl(subscriber.id),
          web_url: links().webUrl(subscriber.id, t.id),
        }
      : standInRecipient(strapi, lang.fields, row.email, lang.lang);
    const subscriberId = subscriber?.id ?? null;
    const optedOut = Boolean(subscriber?.tracking_opt_out);
    const mail = trackedMail().forMessage(lang.templates, {
      campaignId: t.id,
      deliveryId: row.id,
      rowKind: row.kind,
      subscriberId,
      optedOut,
    });
    const rendered = renderMessage(
      withVariantSubject(mail.prepared, t.variants, row.variant),
      { ...vars, ...mail.vars },
      lang.lang,
    );
    const unsubscribeUrl = vars.unsubscribe_url;
    const { messageId, headers } = buildCampaignHeaders({
      campaignId: t.id,
      deliveryId: row.id,
      test: row.kind === 'test',
      installationId: installationId(),
      listId: t.listId,
      unsubscribeUrl,
      messageIdDomain: links().mailDomain(),
    });
    // Test sends carry the reference too, so they show exactly what subscribers get.
    const reference = deliveryReference(provider, row.id, referenceSettings());
    return {
      from: t.from,
      replyTo: t.replyTo,
      to: subscriber?.name ? { name: subscriber.name, address: row.email } : row.email,
      subject: subscriber ? rendered.subject : `[Test] ${rendered.subject}`,
      html: rendered.html,
      text: rendered.text,
      messageId,
      headers: { ...headers, ...reference.headers },
      // Only MAIL FROM changes: From and the DKIM signature stay the site's.
      ...(reference.returnPath ? { envelope: { from: reference.returnPath, to: row.email } } : {}),
      textEncoding: lang.textEncoding,
      // Fresh objects around the shared bytes: nodemailer may annotate what it is given.
      ...(t.attachments.length ? { attachments: t.attachments.map((file) => ({ ...file })) } : {}),
    };
  }

  /** A confirmation mail (rendered by the subscribers service), or null once it is no longer needed. */
  async function confirmationMessage(
    provider: ResolvedProvider,
    row: ClaimedDelivery,
  ): Promise<SendMailOptions | null> {
    const confirmation = await getService(strapi, 'subscribers').renderConfirmation(row);
    if (!confirmation) return null;
    const from = provider.from ?? provider.auth?.user;
    if (!from) throw new Error('No From address: set "from" on the provider');
    return {
      from,
      to: confirmation.to,
      subject: confirmation.subject,
      html: confirmation.html,
      text: confirmation.text,
      messageId: deliveryMessageId({
        deliveryId: row.id,
        kind: 'confirmation',
        installationId: installationId(),
        domain: links().mailDomain(),
      }),
      headers: confirmationHeaders(),
    };
  }

  return {
    /**
     * Everything a claimed batch needs from the database, read in a few queries: the recipients,
     * each campaign's template (once per campaign, not per row) and the confirmation mails.
     */
    async prepare(provider: ResolvedProvider, rows: ClaimedDelivery[]): Promise<PreparedBatch> {
      const people = await subscribers(rows);
      // Read once per campaign in the batch; a campaign that cannot be read fails all its rows.
      const templates = new Map<number, CampaignTemplate | Error>();
      const templateOf = async (campaignId: number): Promise<CampaignTemplate> => {
        if (!templates.has(campaignId))
          templates.set(campaignId, await template(campaignId, provider).catch((error: Error) => error));
        const found = templates.get(campaignId);
        if (found instanceof Error) throw found;
        return found as CampaignTemplate;
      };
      const confirmations = new Map<number, SendMailOptions>();
      const skipped = new Map<number, string>();
      const failed = new Map<number, string>();
      for (const row of rows) {
        try {
          if (row.kind === 'confirmation') {
            const message = await confirmationMessage(provider, row);
            if (message) confirmations.set(row.id, message);
            else skipped.set(row.id, 'The confirmation is no longer needed');
            continue;
          }
          await templateOf(row.campaignId as number);
          if (row.kind === 'campaign' && !people.has(row.subscriberId as number))
            skipped.set(row.id, 'The subscriber no longer exists');
        } catch (error) {
          // A template that cannot be built is the campaign's fault: message() throws it for each row.
          if (row.kind === 'campaign' && isTemplateError(error)) continue;
          failed.set(row.id, (error as Error).message);
        }
      }
      return {
        skipped,
        failed,
        message(row) {
          const confirmation = confirmations.get(row.id);
          if (confirmation) return confirmation;
          const t = templates.get(row.campaignId as number);
          if (t instanceof Error) throw t;
          if (!t) throw new Error(`Campaign ${row.campaignId} was not prepared`);
          const subscriber = row.kind === 'test' ? undefined : people.get(row.subscriberId as number);
          return campaignMessage(provider, t, row, subscriber);
        },
      };
    },

    forget(campaignId: number) {
      cache.delete(campaignId);
      lastUsed.delete(campaignId);
    },
  };
};
