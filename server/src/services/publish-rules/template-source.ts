/**
 * Where a rule's message comes from: a campaign's content (`campaign:<id>`), a saved template
 * (`template:<id>`) or a starter (`starter-<name>`). Read when a campaign is made, so an editor's
 * later change to the source shows in the next one.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../../constants';
import { STARTER_TEMPLATES } from '../../templates';

export interface TemplateContent {
  subject: string | null;
  preheader: string | null;
  mjml: string;
  fromName?: string | null;
  fromEmail?: string | null;
  replyTo?: string | null;
}

const SOURCE = /^(campaign|template):([1-9]\d{0,15})$/;
const CAMPAIGN_FIELDS = ['subject', 'preheader', 'mjml', 'fromName', 'fromEmail', 'replyTo'];

/** The content named, or a ValidationError saying it does not exist. */
export async function templateContent(strapi: Core.Strapi, reference: string): Promise<TemplateContent> {
  const starter = STARTER_TEMPLATES.find((candidate) => candidate.key === reference);
  if (starter) return { subject: starter.subject, preheader: starter.preheader, mjml: starter.mjml };
  const [, kind, id] = SOURCE.exec(reference) ?? [];
  const found: TemplateContent | null = kind
    ? await strapi.db.query(kind === 'campaign' ? UID.campaign : UID.template).findOne({
        where: { id: Number(id) },
        select: kind === 'campaign' ? CAMPAIGN_FIELDS : CAMPAIGN_FIELDS.slice(0, 3),
      })
    : null;
  if (!found?.mjml) {
    const starters = STARTER_TEMPLATES.map((candidate) => candidate.key).join(', ');
    throw new errors.ValidationError(
      `Unknown template "${reference}": name a campaign (campaign:<id>), a saved template (template:<id>) or a starter (${starters})`,
    );
  }
  return found;
}
