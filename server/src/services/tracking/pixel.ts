/**
 * The open pixel (docs/architecture.md, "Engagement"): a 1×1 image before `</body>`, its address a
 * per-recipient slot. Pure: no Strapi.
 */

/** The path of the open route; the token follows it. */
export const OPEN_PATH = '/api/email-campaigns/o/';

/**
 * The pixel's tag. `alt=""` marks it decorative, so screen readers skip it; `display:block` keeps
 * it from adding a line's height under the content.
 */
export function pixelTag(src: string): string {
  return (
    `<img src="${src}" width="1" height="1" alt="" border="0" ` +
    'style="display:block;width:1px;height:1px;border:0;outline:none;text-decoration:none;" />'
  );
}

/** The HTML with the pixel just before its last `</body>`, or at its end when it has none. */
export function withPixel(html: string, src: string): string {
  const at = html.toLowerCase().lastIndexOf('</body');
  return at === -1 ? html + pixelTag(src) : html.slice(0, at) + pixelTag(src) + html.slice(at);
}

/**
 * Whether an `<img>` tag is this plugin's open pixel: its address is the open route and it is
 * 1×1. The checks before sending leave it out: it is decorative on purpose.
 */
export function isOpenPixel(tag: string): boolean {
  return (
    /\ssrc\s*=\s*["']?[^"'\s>]*\/api\/email-campaigns\/o\/[A-Za-z0-9_.-]+["'\s>]/i.test(tag) &&
    /\swidth\s*=\s*["']?1["'\s/>]/i.test(tag) &&
    /\sheight\s*=\s*["']?1["'\s/>]/i.test(tag)
  );
}
