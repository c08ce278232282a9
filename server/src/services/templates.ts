/**
 * Templates to start campaigns from: the starters (in code, server/src/templates/) and those
 * saved from a campaign (the `template` content type). Each carries its sample render as a
 * thumbnail, rendered in a render worker: once per process for the starters, at save for the
 * others. See docs/architecture.md, "Templates".
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../constants';
import type { CampaignTemplate, TemplateInput } from '../contracts';
import { STARTER_TEMPLATES, type StarterTemplate } from '../templates';
import { getService } from '../utils/plugin';
import { standInRecipient, templateFields } from './template-vars';

interface TemplateRow {
  id: number;
  name: string;
  subject: string | null;
  preheader: string | null;
  mjml: string;
  html: string | null;
}

const FIELDS = ['id', 'name', 'subject', 'preheader', 'mjml', 'html'];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(UID.template);
  let starters: Promise<CampaignTemplate[]> | null = null;

  /** The template as the stand-in recipient would receive it, or its errors. */
  async function render(template: Omit<TemplateInput, 'name'> & { name: string }) {
    const campaign = templateFields({ ...template, id: null });
    return getService(strapi, 'renderPool').sample({
      source: { mjml: template.mjml, campaign, entries: [] },
      subject: template.subject ?? '',
      recipient: standInRecipient(strapi, campaign),
    });
  }

  async function starter(template: StarterTemplate): Promise<CampaignTemplate> {
    const { message, html } = await render(template);
    return { ...template, id: null, starter: true, html: message?.html ?? html };
  }

  const saved = (row: TemplateRow): CampaignTemplate => ({
    key: String(row.id),
    id: row.id,
    starter: false,
    name: row.name,
    subject: row.subject,
    preheader: row.preheader,
    mjml: row.mjml,
    html: row.html ?? '',
  });

  return {
    /** The starters first, then the saved templates, newest first. */
    async list(): Promise<CampaignTemplate[]> {
      starters ??= Promise.all(STARTER_TEMPLATES.map(starter)).catch((error) => {
        starters = null;
        throw error;
      });
      const found: TemplateRow[] = await rows().findMany({ select: FIELDS, orderBy: [{ id: 'desc' }] });
      return [...(await starters), ...found.map(saved)];
    },

    /** Saves a campaign's content as a template; refused (400) when the content does not compile. */
    async create(input: TemplateInput): Promise<CampaignTemplate> {
      const { message, errors: compileErrors } = await render(input);
      if (!message) {
        throw new errors.ValidationError(
          `The template cannot be saved: fix ${compileErrors.length} template error(s) first.`,
          { errors: compileErrors },
        );
      }
      const { name, subject = null, preheader = null, mjml } = input;
      const row = await rows().create({ data: { name, subject, preheader, mjml, html: message.html }, select: FIELDS });
      return saved(row);
    },

    /** A campaign's content from a saved template (its id) or a starter (its key); 400 when there is none. */
    async content(ref: number | string): Promise<Pick<StarterTemplate, 'subject' | 'preheader' | 'mjml'>> {
      if (typeof ref === 'string') {
        const found = STARTER_TEMPLATES.find((template) => template.key === ref);
        if (!found) throw new errors.ValidationError(`Unknown starter template "${ref}"`);
        return { subject: found.subject, preheader: found.preheader, mjml: found.mjml };
      }
      const row: TemplateRow | null = await rows().findOne({ where: { id: ref }, select: FIELDS });
      if (!row) throw new errors.ValidationError(`Unknown template ${ref}`);
      return { subject: row.subject ?? '', preheader: row.preheader ?? '', mjml: row.mjml };
    },

    async delete(id: number): Promise<CampaignTemplate> {
      const row: TemplateRow | null = await rows().findOne({ where: { id }, select: FIELDS });
      if (!row) throw new errors.NotFoundError(`Template ${id} not found`);
      await rows().delete({ where: { id } });
      return saved(row);
    },
  };
};
