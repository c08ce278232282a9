import type { SocialBlock, SocialElement } from '../../document/types';

let created = 0;

/**
 * A new `<mj-social-element>` at the end of `social`, indented like its last element (or one step in
 * from the block). Written from its attributes, self-closing, since it has no label.
 */
export function newSocialElement(social: SocialBlock, name: string): SocialElement {
  const last = [...social.children].reverse().find((child) => child.kind === 'social-element');
  const indent = /[^\n]*$/.exec(social.leading)?.[0] ?? '';
  created += 1;
  return {
    // Prefixed so it never meets the parser's ids within a document.
    id: `new-social-element-${created}`,
    kind: 'social-element',
    leading: last?.leading ?? `\n${indent}  `,
    tag: 'mj-social-element',
    attributes: [
      { name: 'name', value: name },
      { name: 'href', value: 'https://' },
    ],
    openTag: null,
    closeTag: '',
    content: '',
  };
}
