/**
 * The tracked copy of a compiled HTML: each tracked href and the pixel's address become Liquid
 * slots that the per-recipient render fills (docs/architecture.md, "Engagement"). Pure: no Strapi.
 *
 * Slots rather than a replace after rendering: the text part is made from the same template
 * ("Composing", "Text part"), so it shows the tracked address too, wrapped like any value.
 */
import { rewriteAnchors, trackedUrls, type Anchor } from './links';
import { withPixel } from './pixel';

/** The variable the slots read; phase 1 never leaves it, so no campaign's own Liquid sets it. */
export const TRACKING_VARIABLE = 'email_campaigns_tracking';

/** What the slots of one message read: one address per tracked URL, in slot order, and the pixel's. */
export interface SlotValues {
  links: string[];
  open: string | null;
}

/**
 * The HTML with slots: link `i` of `urls` reads `links[i]` when `clicks`, the pixel `open` when
 * `opens`. `data-no-track` attributes are gone from it, as from the plain copy.
 */
export function withTrackingSlots(
  html: string,
  anchors: Anchor[],
  { clicks, opens }: { clicks: boolean; opens: boolean },
): { html: string; urls: string[] } {
  const urls = clicks ? trackedUrls(anchors) : [];
  const slotOf = new Map(urls.map((url, i) => [url, `{{ ${TRACKING_VARIABLE}.links[${i}] }}`]));
  const slotted = rewriteAnchors(html, anchors, clicks ? (url) => slotOf.get(url) as string : null);
  return { html: opens ? withPixel(slotted, `{{ ${TRACKING_VARIABLE}.open }}`) : slotted, urls };
}
