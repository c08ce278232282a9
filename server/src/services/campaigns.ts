/**
 * Campaign CRUD and the admin actions on a campaign. Every status change goes through
 * campaign-status.ts, which refuses an action the campaign's status does not allow.
 * See docs/architecture.md, "Campaign status".
 *
 * Campaigns are created and deleted through the Document Service (documentId, relations), and
 * read and updated through the Query Engine by numeric id: the id the outbox keys rows by.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../constants';
import { getService, pluginConfig } from '../utils/plugin';
import type { CompileError, CompileResult } from './composing';
import type { SampleRender } from './composing/sample-render';
import { failedChecks } from './composing/pre-send-checks';
import { CANCEL_REASON, assertAllowed } from './campaign-status';
import { abTestField, assertAbTestChangeable, unmeasurableAbTest } from './ab-test/input';
import { standInRecipient, templateFields } from './template-vars';
import { listed } from './archive/listed';
import { readVersions, versionContent, type CampaignVersion } from './composing/versions';
import { campaignTracking } from './tracking/settings';
import { checkLocales, siteLocales } from './campaign-locales';
import { isIanaTimeZone, type CampaignInput, type ListQuery, type ResendableStatus } from '../validation/campaigns';

/** The fields an admin writes; the rest of a campaign belongs to the state machine. */
const CONTENT_FIELDS = [
  'name',
  'subject',
  'preheader',
  'fromName',
  'fromEmail',
  'replyTo',
  'mjml',
  'entries',
  'provider',
  'defaultLocale',
  'versions',
  'attachments',
  'abTest',
  'tracking',
  'public',
] as const;
type Content = Pick<CampaignInput, (typeof CONTENT_FIELDS)[number]>;

// The list view leaves out the template, which can weigh hundreds of kilobytes per campaign.
const SUMMARY_FIELDS = [
  'id',
  'documentId',
  'name',
  'subject',
  'provider',
  'status',
  'scheduledAt',
  'timezone',
  'startedAt',
  'finishedAt',
  'pauseReason',
  'seriesId',
  'seriesStep',
  'abTest',
  'tracking',
  'public',
  'createdAt',
  'updatedAt',
];
const LISTS = { lists: { select: ['id', 'documentId', 'name', 'slug'] }, segments: { select: ['id', 'name'] } };

const ADMIN_PAUSE_REASON = 'Paused by an admin';
const NO_CONTENT: CompileError = { line: 0, message: 'The campaign has no MJML content yet' };

function sourceOf(campaign: Content & { id?: number | null }) {
  return { mjml: campaign.mjml ?? '', campaign: templateFields(campaign), entries: campaign.entries ?? [] };
}

function pickContent(source: Partial<Content>): Content {
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) if (source[field] !== undefined) content[field] = source[field];
  return content as Content;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const campaigns = () => strapi.db.query(UID.campaign);
  const now = (): Date => getService(strapi, 'clock').now();
  const providers = () => getService(strapi, 'providers');
  const outbox = () => getService(strapi, 'outbox');
  const sender = () => getService(strapi, 'sender');
  const status = () => getService(strapi, 'campaignStatus');
  const renderPool = () => getService(strapi, 'renderPool');
  const attachments = () => getService(strapi, 'attachments');

  // Both run in a render worker, under its time and memory limits ("Composing").
  async function compile(campaign: Content & { id?: number | null }): Promise<CompileResult> {
    if (!campaign.mjml?.trim()) return { html: '', errors: [NO_CONTENT] };
    return renderPool().compile(sourceOf(campaign));
  }

  /**
   * The default content and every language version compiled; each version keeps its HTML, and
   * its problems come back marked with its locale.
   */
  async function compileAll(campaign: Content & { id?: number | null }) {
    const { html, errors: compileErrors } = await compile(campaign);
    const versions: CampaignVersion[] = [];
    for (const version of readVersions(campaign.versions)) {
      const compiled = await compile(versionContent(campaign, version));
      versions.push({ ...version, html: compiled.html });
      compileErrors.push(...compiled.errors.map((error) => ({ ...error, locale: version.locale })));
    }
    return { html, versions: campaign.versions ? versions : campaign.versions, errors: compileErrors };
  }

  /** Compiled and rendered for the stand-in recipient, as the sender renders each recipient. */
  async function sample(campaign: Content & { id?: number | null }, locale?: string | null): Promise<SampleRender> {
    if (!campaign.mjml?.trim()) return { html: '', errors: [NO_CONTENT], message: null, checks: [] };
    const lang = locale ?? campaign.defaultLocale ?? null;
    const recipient = standInRecipient(strapi, templateFields(campaign), undefined, lang);
    return renderPool().sample({ source: sourceOf(campaign), subject: campaign.subject ?? '', recipient });
  }

  /** The sample render of every version too: the sender renders each of them. */
  async function sampleAll(campaign: Content & { id?: number | null }): Promise<SampleRender> {
    const result = await sample(campaign);
    for (const version of readVersions(campaign.versions)) {
      const { errors: versionErrors, checks } = await sample(versionContent(campaign, version), version.locale);
      result.errors.push(...versionErrors.map((error) => ({ ...error, locale: version.locale })));
      // A version must pass the checks too: its readers get its message, not the default's.
      result.checks.push(
        ...failedChecks(checks).map((check) => ({ ...check, message: `${version.locale}: ${check.message}` })),
      );
    }
    return result;
  }

  const find = (id: number) => campaigns().findOne({ where: { id }, populate: LISTS });

  const providerOf = (campaign: { provider?: string | null }): string => campaign.provider || providers().defaultName();

  async function assertExist(uid: typeof UID.list | typeof UID.segment, ids: number[] | undefined, what: string) {
    if (!ids?.length) return;
    const found = await strapi.db.query(uid).findMany({ where: { id: { $in: ids } }, select: ['id'] });
    const existing = new Set(found.map((row: { id: number }) => row.id));
    const missing = [...new Set(ids)].filter((id) => !existing.has(id));
    if (missing.length) throw new errors.ValidationError(`Unknown ${what} id(s): ${missing.join(', ')}`);
  }

  async function checkReferences(input: CampaignInput) {
    if (input.provider && !providers().get(input.provider)) {
      const known = Array.from(providers().all(), ({ name }: { name: string }) => name);
      throw new errors.ValidationError(
        `Unknown provider "${input.provider}"; configured providers: ${known.join(', ')}`,
      );
    }
    await assertExist(UID.list, input.lists, 'list');
    await assertExist(UID.segment, input.segments, 'segment');
    await checkLocales(strapi, input);
    if (input.attachments?.length) await attachments().check(input.attachments);
  }

  /**
   * The compiled HTML of a campaign that may be sent, or a 400 listing everything in the way. The
   * sample render must pass too: a template that fails for the stand-in would fail mid-send.
   */
  async function readyToSend(
    campaign: Content & { id: number; lists?: unknown[]; segments?: unknown[] },
  ): Promise<string> {
    const problems: string[] = [];
    if (!campaign.lists?.length && !campaign.segments?.length) problems.push('choose at least one list or segment');
    if (!campaign.subject?.trim()) problems.push('write a subject');
    const ab = unmeasurableAbTest(campaign.abTest, campaignTracking(campaign.tracking), pluginConfig(strapi).tracking);
    if (ab) problems.push(ab);
    if (!providers().get(providerOf(campaign)))
      problems.push(`the provider "${providerOf(campaign)}" is not configured`);
    const { html, errors: compileErrors, checks } = await sampleAll(campaign);
    if (compileErrors.length) problems.push(`fix ${compileErrors.length} template error(s)`);
    // Each failing check before sending, in its own words, once the template compiles ("Checks before sending").
    const failed = compileErrors.length ? [] : failedChecks(checks);
    problems.push(...failed.map((check) => check.message.replace(/\.$/, '')));
    // The files may have changed in the Media Library since the campaign was saved.
    await attachments()
      .check(campaign.attachments ?? [])
      .catch((error: Error) => problems.push(error.message.replace(/\.$/, '')));
    if (problems.length) {
      throw new errors.ValidationError(`The campaign cannot be sent yet: ${problems.join('; ')}.`, {
        problems,
        errors: compileErrors,
        checks: failed,
      });
    }
    return html;
  }

  return {
    locales: () => siteLocales(strapi),

    async findMany({ page, pageSize, status, search }: ListQuery) {
      const where = { ...(status ? { status } : {}), ...(search ? { name: { $containsi: search } } : {}) };
      const { results, pagination } = await campaigns().findPage({
        where,
        page,
        pageSize,
        select: SUMMARY_FIELDS,
        populate: LISTS,
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      });
      const answer = (c: { id: number; tracking?: unknown; public?: boolean | null }) => ({
        ...c,
        ...listed(c),
        tracking: campaignTracking(c.tracking),
      });
      return { results: await getService(strapi, 'engagementReport').withListFigures(results.map(answer)), pagination };
    },

    async findOne(id: number) {
      const campaign = await find(id);
      if (!campaign) throw new errors.NotFoundError(`Campaign ${id} not found`);
      // A file deleted from the Media Library since is left out here; sending refuses it.
      const attachmentFiles = await attachments()
        .describe(campaign.attachments ?? [])
        .catch(() => []);
      // Every answer carries whole tracking settings, the defaults for a campaign that never chose.
      const answer = { ...listed(campaign), tracking: campaignTracking(campaign.tracking) };
      return { ...campaign, ...answer, attachmentFiles, maxAttachmentBytes: attachments().maxBytes() };
    },

    /**
     * Creates a draft; the compiled HTML is cached, and compile errors come back with it. `origin`
     * names what made it (a publish rule), unique, so that maker never makes a second.
     */
    async create(input: CampaignInput & { name: string }, origin?: string) {
      await checkReferences(input);
      const lists = [...new Set(input.lists ?? [])].map((id) => ({ id }));
      const segments = [...new Set(input.segments ?? [])].map((id) => ({ id }));
      const tracking = campaignTracking(input.tracking);
      const data = {
        ...pickContent(input),
        ...abTestField(input),
        tracking,
        lists,
        segments,
        ...(origin ? { origin } : {}),
      };
      const created = await strapi.documents(UID.campaign).create({ data });
      const id = Number(created.id);
      // The id is a template value (`campaign.id`), known only once the row exists.
      const { html, versions, errors: compileErrors } = await compileAll({ ...pickContent(input), id });
      await campaigns().update({ where: { id }, data: { html, versions, updatedAt: now() } });
      return { campaign: await this.findOne(id), errors: compileErrors };
    },

    /** Changes the content of a draft or scheduled campaign; refused once sending has started. */
    async update(id: number, input: CampaignInput) {
      const current = await this.findOne(id);
      assertAbTestChangeable(current, input);
      // A series step keeps sending: its content is edited live; its lists and provider are the series'.
      if (current.seriesId) {
        await checkReferences({ ...input, lists: undefined });
        return this.editSeriesStep(id, { ...input, lists: undefined, provider: undefined });
      }
      assertAllowed('edit', current.status);
      // Every content field is written with the HTML compiled from them, so they always agree.
      const content = {
        ...pickContent(current),
        ...pickContent(input),
        tracking: campaignTracking(input.tracking, current.tracking),
      };
      // Languages are checked as they will be saved: a new default locale against the saved versions too.
      await checkReferences({ ...input, defaultLocale: content.defaultLocale, versions: content.versions });
      const { html, versions, errors: compileErrors } = await compileAll({ ...content, id });
      await strapi.db.transaction(async () => {
        await status().edit(id, { ...content, ...abTestField(content), versions, html });
        if (input.lists) await campaigns().update({ where: { id }, data: { lists: [...new Set(input.lists)] } });
        if (input.segments)
          await campaigns().update({ where: { id }, data: { segments: [...new Set(input.segments)] } });
      });
      return { campaign: await this.findOne(id), errors: compileErrors };
    },

    /**
     * New content for a series step's campaign, which stays sending (docs/architecture.md,
     * "Series"): compiled and written like an edit, refused (400) when it does not compile, since
     * the next person due would get it.
     */
    async editSeriesStep(id: number, input: CampaignInput) {
      const current = await this.findOne(id);
      const content = {
        ...pickContent(current),
        ...pickContent(input),
        tracking: campaignTracking(input.tracking, current.tracking),
      };
      const { html, versions, errors: compileErrors } = await compileAll({ ...content, id });
      if (compileErrors.length)
        throw new errors.ValidationError('This series step keeps sending: fix its template errors to save it.', {
          errors: compileErrors,
        });
      await campaigns().update({ where: { id }, data: { ...content, versions, html, updatedAt: now() } });
      return { campaign: await this.findOne(id), errors: compileErrors };
    },

    async delete(id: number) {
      const campaign = await this.findOne(id);
      assertAllowed('delete', campaign.status);
      await strapi.documents(UID.campaign).delete({ documentId: campaign.documentId });
      return campaign;
    },

    /** A new draft with the same content, lists and segments. */
    async duplicate(id: number) {
      const source = await this.findOne(id);
      const name = `Copy of ${source.name}`.slice(0, 200);
      const lists = source.lists.map((list: { id: number }) => list.id);
      const segments = source.segments.map((segment: { id: number }) => segment.id);
      return this.create({ ...pickContent(source), name, lists, segments });
    },

    /**
     * Compiles content (a saved campaign's, with unsaved changes laid over it) and renders it for
     * a stand-in subscriber the way the sender renders each recipient.
     */
    async preview({ locale, ...input }: CampaignInput & { locale?: string | null }, id?: number) {
      const saved: Content = id === undefined ? {} : pickContent(await this.findOne(id));
      if (!locale) return sample({ ...saved, ...pickContent(input), id: id ?? null });
      // The request's fields are the version's unsaved content, filled from the default as the sender fills it.
      const stored = readVersions(saved.versions).find((v) => v.locale === locale);
      const { subject, preheader, mjml, entries } = pickContent(input);
      const version = { ...stored, ...pickContent({ subject, preheader, mjml, entries }), locale };
      return sample({ ...versionContent(saved, version), name: input.name ?? saved.name, id: id ?? null }, locale);
    },

    /** Scheduled for `scheduledAt` (UTC); a time in the past means "send on the next tick". */
    async schedule(id: number, { scheduledAt, timezone }: { scheduledAt: Date | string; timezone: string }) {
      if (!isIanaTimeZone(timezone)) throw new errors.ValidationError(`Unknown time zone "${timezone}"`);
      const campaign = await this.findOne(id);
      assertAllowed('schedule', campaign.status);
      const html = await readyToSend(campaign);
      await status().schedule(id, { scheduledAt: new Date(scheduledAt), timezone, html });
      return this.findOne(id);
    },

    async sendNow(id: number) {
      const campaign = await this.findOne(id);
      const scheduled = await this.schedule(id, { scheduledAt: now(), timezone: campaign.timezone || 'UTC' });
      sender().kick();
      return scheduled;
    },

    /** The sender only claims rows of `sending` campaigns, so a pause holds the rest in the outbox. */
    async pause(id: number) {
      await status().pause(id, ADMIN_PAUSE_REASON);
      return this.findOne(id);
    },

    /** Back to `sending` if the audience was already materialized, else to `scheduled`. */
    async resume(id: number) {
      const campaign = await this.findOne(id);
      assertAllowed('resume', campaign.status);
      await status().resume(id, { started: Boolean(campaign.startedAt), testing: campaign.abTest?.winner === null });
      sender().kick();
      return this.findOne(id);
    },

    /** Ends the campaign; rows not yet claimed end `skipped`, rows in flight finish their send. */
    async cancel(id: number) {
      await status().cancel(id);
      const skipped: number = await outbox().skipPending(id, CANCEL_REASON);
      return { campaign: await this.findOne(id), skipped };
    },

    /**
     * The explicit admin re-send of `failed` and/or `unknown` rows (the only way a row is sent
     * twice). A paused campaign stays paused: its rows go out when it is resumed.
     */
    async resend(id: number, statuses: ResendableStatus[]) {
      const campaign = await this.findOne(id);
      assertAllowed('resend', campaign.status);
      const requeued: number = await outbox().requeue(id, [...new Set(statuses)]);
      if (requeued > 0) {
        // Requeue first: the sender finishes a sending campaign only when no row is pending, and
        // reopening a `sent` one here also catches a campaign that finished since it was read.
        await status().reopen(id);
        sender().kick();
      }
      return { campaign: await this.findOne(id), requeued };
    },

    /** Sends the campaign as it is now to a few addresses, through the outbox like every mail. */
    async testSend(id: number, emails: string[]) {
      const campaign = await this.findOne(id);
      const { errors: compileErrors } = await sampleAll(campaign);
      if (compileErrors.length) {
        throw new errors.ValidationError('Fix the template errors before sending a test.', { errors: compileErrors });
      }
      const provider = providerOf(campaign);
      if (!providers().get(provider)) throw new errors.ValidationError(`The provider "${provider}" is not configured.`);
      const deliveryIds: number[] = await outbox().insertTestDeliveries(id, provider, [...new Set(emails)]);
      sender().kick();
      return { deliveryIds };
    },
  };
};
