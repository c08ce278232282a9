/**
 * The Document Service `populate` that brings an entry with everything templates may print:
 * media, relations one level deep (their media, nothing deeper), components and dynamic zones.
 */
import { POPULATED_TYPES, visibleAttributes, type Attribute, type SchemaLookup } from './schema';

export type Populate = true | { populate?: Record<string, Populate>; on?: Record<string, Populate> };

// Components may nest; Strapi bounds it, this keeps a schema cycle from recursing forever.
const MAX_COMPONENT_DEPTH = 5;

/** A related entry: its media only, so its own relations and components stay out. */
function relationPopulate(target: string, schemaOf: SchemaLookup): Populate {
  const media = visibleAttributes(schemaOf(target)).filter(([, attribute]) => attribute.type === 'media');
  return media.length === 0 ? true : { populate: Object.fromEntries(media.map(([name]) => [name, true])) };
}

function componentPopulate(uid: string, schemaOf: SchemaLookup, depth: number): Populate {
  const fields = populateFields(schemaOf(uid), schemaOf, depth + 1);
  return Object.keys(fields).length === 0 ? true : { populate: fields };
}

function attributePopulate(attribute: Attribute, schemaOf: SchemaLookup, depth: number): Populate | null {
  switch (attribute.type) {
    case 'media':
      return true;
    case 'relation':
      return attribute.target ? relationPopulate(attribute.target, schemaOf) : null;
    case 'component':
      return attribute.component ? componentPopulate(attribute.component, schemaOf, depth) : null;
    case 'dynamiczone': {
      const on = (attribute.components ?? []).map((uid) => [uid, componentPopulate(uid, schemaOf, depth)]);
      return { on: Object.fromEntries(on) };
    }
    default:
      return null;
  }
}

/** `populate` for a schema's visible media, relations, components and dynamic zones. */
export function populateFields(
  attributes: Record<string, Attribute> | undefined,
  schemaOf: SchemaLookup,
  depth = 0,
): Record<string, Populate> {
  if (depth > MAX_COMPONENT_DEPTH) return {};
  const fields: Array<[string, Populate]> = [];
  for (const [name, attribute] of visibleAttributes(attributes)) {
    if (!POPULATED_TYPES.has(attribute.type)) continue;
    const populate = attributePopulate(attribute, schemaOf, depth);
    if (populate) fields.push([name, populate]);
  }
  return Object.fromEntries(fields);
}
