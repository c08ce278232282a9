/**
 * What the loader reads of Strapi's schemas, and which attributes never reach templates
 * (docs/architecture.md, "Content in templates").
 */

export interface Attribute {
  type: string;
  private?: boolean;
  multiple?: boolean;
  repeatable?: boolean;
  component?: string;
  components?: string[];
  relation?: string;
  target?: string;
}

/** A content type's or component's attributes by name; undefined for an unknown uid. */
export type SchemaLookup = (uid: string) => Record<string, Attribute> | undefined;

// Admin users are the back office's, not the site's content; localizations would repeat the entry.
const HIDDEN_NAMES = new Set(['createdBy', 'updatedBy', 'localizations']);

/** Private fields, passwords, admin users and morph relations (no single target) stay out. */
export function isVisible(name: string, attribute: Attribute): boolean {
  if (HIDDEN_NAMES.has(name) || attribute.private === true || attribute.type === 'password') return false;
  if (attribute.type === 'relation')
    return typeof attribute.target === 'string' && !attribute.target.startsWith('admin::');
  return true;
}

/** The visible attributes of a schema, as [name, attribute] pairs. */
export function visibleAttributes(attributes: Record<string, Attribute> | undefined): Array<[string, Attribute]> {
  return Object.entries(attributes ?? {}).filter(([name, attribute]) => isVisible(name, attribute));
}

/** Attributes the Document Service leaves out unless populated. */
export const POPULATED_TYPES = new Set(['media', 'relation', 'component', 'dynamiczone']);
