/**
 * What a rule names must exist: a collection type with Draft & Publish, fields of it for the
 * conditions, lists, a template, a provider. Each problem is a 400 that says what to fix.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../../constants';
import type { PublishRuleInput } from '../../contracts';
import { getService } from '../../utils/plugin';
import { CONDITION_TYPES } from './conditions';
import { templateContent } from './template-source';

function checkContentType(strapi: Core.Strapi, uid: string) {
  const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  if (!model || model.kind !== 'collectionType' || !uid.startsWith('api::')) {
    throw new errors.ValidationError(
      `Unknown content type "${uid}": name a collection type such as api::article.article`,
    );
  }
  if (!model.options?.draftAndPublish) {
    throw new errors.ValidationError(`"${uid}" has no Draft & Publish: a rule reacts to publishing, so it needs it`);
  }
  return model;
}

export async function checkRule(strapi: Core.Strapi, input: PublishRuleInput): Promise<void> {
  const model = checkContentType(strapi, input.contentType);
  const attributes = model.attributes as Record<string, { type: string }>;
  for (const { field } of input.conditions ?? []) {
    const type = attributes[field]?.type;
    if (!type) throw new errors.ValidationError(`"${input.contentType}" has no field "${field}"`);
    if (!CONDITION_TYPES.has(type)) {
      throw new errors.ValidationError(
        `The field "${field}" is a ${type}: conditions test text, number and choice fields`,
      );
    }
  }
  const found = await strapi.db.query(UID.list).findMany({ where: { id: { $in: input.lists } }, select: ['id'] });
  const existing = new Set(found.map((list: { id: number }) => list.id));
  const missing = [...new Set(input.lists)].filter((id) => !existing.has(id));
  if (missing.length) throw new errors.ValidationError(`Unknown list id(s): ${missing.join(', ')}`);
  await templateContent(strapi, input.template);
  if (input.provider && !getService(strapi, 'providers').get(input.provider)) {
    throw new errors.ValidationError(`Unknown provider "${input.provider}"`);
  }
}
