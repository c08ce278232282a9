/**
 * Walks a Document Service entry over its schema and gives what templates see: rich text as HTML,
 * media with absolute URLs, related entries one level deep, components and dynamic zones, and
 * nothing the schema does not name (docs/architecture.md, "Content in templates").
 */
import { blocksToHtml } from './blocks-to-html';
import { markdownToHtml } from './markdown';
import { toTemplateMedia } from './media';
import { visibleAttributes, type Attribute, type SchemaLookup } from './schema';

type Plain = Record<string, unknown>;

export interface ShapeContext {
  schemaOf: SchemaLookup;
  /** The plugin's public URL: relative upload URLs are made absolute against it. */
  base: string;
}

// Fields every entry has without being attributes of its schema.
const ENTRY_SYSTEM_FIELDS = ['id', 'documentId', 'locale', 'createdAt', 'updatedAt', 'publishedAt'];

const isPlain = (value: unknown): value is Plain =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value == null ? [] : [value]);

function mediaValue(value: unknown, attribute: Attribute, context: ShapeContext): unknown {
  if (attribute.multiple) return asList(value).flatMap((file) => toTemplateMedia(file, context.base) ?? []);
  return toTemplateMedia(value, context.base);
}

/** A related entry: its own fields and media, without its relations, components or zones. */
function relatedValue(value: unknown, attribute: Attribute, context: ShapeContext): unknown {
  const shapeOne = (item: unknown) =>
    isPlain(item)
      ? shapeFields(item, context.schemaOf(attribute.target ?? ''), context, ENTRY_SYSTEM_FIELDS, false)
      : null;
  if (/Many$/.test(attribute.relation ?? '')) return asList(value).map(shapeOne).filter(Boolean);
  return shapeOne(value);
}

function componentValue(value: unknown, uid: string | undefined, context: ShapeContext): Plain | null {
  return isPlain(value) ? shapeFields(value, context.schemaOf(uid ?? ''), context, ['id'], true) : null;
}

function attributeValue(value: unknown, attribute: Attribute, context: ShapeContext, deep: boolean): unknown {
  switch (attribute.type) {
    case 'richtext':
      return markdownToHtml(value, context.base);
    case 'blocks':
      return blocksToHtml(value, context.base);
    case 'media':
      return mediaValue(value, attribute, context);
    case 'relation':
      return deep ? relatedValue(value, attribute, context) : undefined;
    case 'component':
      if (!deep) return undefined;
      if (attribute.repeatable) return asList(value).map((item) => componentValue(item, attribute.component, context));
      return componentValue(value, attribute.component, context);
    case 'dynamiczone':
      if (!deep) return undefined;
      return asList(value).flatMap((item) => {
        const uid = isPlain(item) ? item.__component : undefined;
        if (typeof uid !== 'string' || !(attribute.components ?? []).includes(uid)) return [];
        return [{ __component: uid, ...componentValue(item, uid, context) }];
      });
    default:
      return value ?? null;
  }
}

function shapeFields(
  source: Plain,
  attributes: Record<string, Attribute> | undefined,
  context: ShapeContext,
  systemFields: string[],
  deep: boolean,
): Plain {
  const shaped: Plain = {};
  for (const name of systemFields) if (source[name] !== undefined) shaped[name] = source[name];
  for (const [name, attribute] of visibleAttributes(attributes)) {
    const value = attributeValue(source[name], attribute, context, deep);
    if (value !== undefined) shaped[name] = value;
  }
  return shaped;
}

/** One entry of content type `uid` as templates see it. */
export function shapeEntry(source: Plain, uid: string, context: ShapeContext): Plain {
  return shapeFields(source, context.schemaOf(uid), context, ENTRY_SYSTEM_FIELDS, true);
}
