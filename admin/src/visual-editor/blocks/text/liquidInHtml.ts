/**
 * The browser writes a text's HTML back with `<`, `>`, `&` and non-breaking spaces as entities, also inside
 * Liquid: `{% if count > 1 %}` would come back as `{% if count &gt; 1 %}`, which Liquid cannot read. Inside
 * `{{ … }}` and `{% … %}` they are put back as the author wrote them.
 */
const LIQUID = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const ENTITIES: Record<string, string> = { '&gt;': '>', '&lt;': '<', '&amp;': '&', '&nbsp;': ' ' };

export const restoreLiquid = (html: string) =>
  html.replace(LIQUID, (liquid) => liquid.replace(/&(gt|lt|amp|nbsp);/g, (entity) => ENTITIES[entity]));
