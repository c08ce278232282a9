import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { publicBase } from '../links';
import { getService } from '../../utils/plugin';
import { captchaAssets, formFields, type FormView } from '../../pages/subscribe-form';
import { captchaSettings } from '../../config/captcha';
import { translator } from '../../pages/texts';
import { audienceSettings } from './settings';
import { UID } from '../../constants';
import { duplicateAsValidationError } from '../../database/unique-violation';
import { readJson } from '../../database/json';
import type { FormEmbed, FormInput, NameField, SubscribeForm } from '../../contracts';

/** A form as the query engine reads it, with its lists populated; `fields` is a JSON column. */
interface FormRecord {
  id: number;
  name: string;
  slug: string;
  lists?: Array<{ id: number; name: string; slug: string; doubleOptIn?: boolean | null }>;
  doubleOptIn?: boolean | null;
  successUrl?: string | null;
  fields?: unknown;
  consentText?: string | null;
  provider?: string | null;
}

const FIELDS = ['id', 'name', 'slug', 'doubleOptIn', 'successUrl', 'fields', 'consentText', 'provider'];
const POPULATE = { lists: { select: ['id', 'name', 'slug', 'doubleOptIn'] } };

/** Subscribe forms: which lists they sign people up to, and the HTML that shows them. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.form);

  const toRow = (form: FormRecord): SubscribeForm => ({
    id: form.id,
    name: form.name,
    slug: form.slug,
    lists: (form.lists ?? []).map((list) => ({
      id: list.id,
      name: list.name,
      slug: list.slug,
      doubleOptIn: list.doubleOptIn !== false,
    })),
    doubleOptIn: form.doubleOptIn !== false,
    successUrl: form.successUrl ?? null,
    fields: { name: parseFields(form.fields).name },
    consentText: form.consentText ?? null,
    provider: form.provider ?? null,
  });

  async function write<T>(input: FormInput, action: () => Promise<T>): Promise<T> {
    if (input.lists) await getService(strapi, 'lists').assertExist(input.lists);
    if (
      input.provider &&
      !getService(strapi, 'providers')
        .all()
        .some((p: { name: string }) => p.name === input.provider)
    ) {
      throw new errors.ValidationError(`Unknown provider: ${input.provider}`);
    }
    return duplicateAsValidationError('Another form already uses this slug.', action);
  }

  return {
    async findAll(): Promise<SubscribeForm[]> {
      return (await query().findMany({ select: FIELDS, populate: POPULATE, orderBy: { name: 'asc' } })).map(toRow);
    },

    async findOne(id: number): Promise<SubscribeForm> {
      const form = await query().findOne({ where: { id }, select: FIELDS, populate: POPULATE });
      if (!form) throw new errors.NotFoundError('No such form.');
      return toRow(form);
    },

    async findBySlug(slug: string): Promise<SubscribeForm | null> {
      const form = await query().findOne({ where: { slug }, select: FIELDS, populate: POPULATE });
      return form ? toRow(form) : null;
    },

    async create(input: FormInput & { name: string; slug: string }): Promise<SubscribeForm> {
      const id = await write(input, async () => (await query().create({ data: input, select: ['id'] })).id);
      return this.findOne(id);
    },

    async update(id: number, input: FormInput): Promise<SubscribeForm> {
      await this.findOne(id);
      await write(input, () => query().update({ where: { id }, data: input, select: ['id'] }));
      return this.findOne(id);
    },

    async delete(id: number): Promise<void> {
      await this.findOne(id);
      await query().delete({ where: { id } });
    },

    /**
     * What the hosted page and the embed snippet need to draw the form. The hosted page posts to
     * a relative address, so it works behind any proxy; the snippet lives on another site.
     */
    view(form: SubscribeForm, placement: 'hosted' | 'embedded' = 'hosted', locale = ''): FormView {
      return {
        slug: form.slug,
        locale,
        name: form.name,
        action: placement === 'hosted' ? '../subscribe' : `${publicBase(strapi)}/api/email-campaigns/subscribe`,
        askName: form.fields.name !== 'hidden',
        requireName: form.fields.name === 'required',
        consentText: form.consentText,
        successOrigin: originOf(form.successUrl),
        captcha: getService(strapi, 'captcha').widget()
          ? {
              base: placement === 'hosted' ? '../captcha/' : `${publicBase(strapi)}/api/email-campaigns/captcha/`,
              field: captchaSettings(strapi).field,
            }
          : null,
      };
    },

    /** HTML to paste into the site: a plain form posting to the public API, and the hosted page's address. */
    embed(form: SubscribeForm): FormEmbed {
      const t = translator('en', audienceSettings(strapi).texts);
      return {
        html: captchaAssets(this.view(form, 'embedded')) + formFields(t, this.view(form, 'embedded'), 'embedded'),
        hostedUrl: `${publicBase(strapi)}/api/email-campaigns/forms/${encodeURIComponent(form.slug)}`,
      };
    },
  };
};

function parseFields(value: unknown): { name: NameField } {
  const name = (readJson(value) as { name?: unknown } | null)?.name;
  return { name: name === 'hidden' || name === 'required' ? name : 'optional' };
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
