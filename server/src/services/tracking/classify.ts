/**
 * Person or machine: the rules that keep privacy proxies and link scanners out of the headline
 * figures (docs/architecture.md, "Engagement", "Machine traffic is recorded apart"). Pure: the
 * caller gives the request's method and user agent, the second the message was sent and now.
 *
 * Sources of the rules:
 * - Apple Mail Privacy Protection loads remote content "privately in the background, even when you
 *   don't open the message", through Apple's proxy
 *   (https://support.apple.com/guide/mail/use-mail-privacy-protection-mlhl03be2866/mac). Since
 *   20 September 2021 the proxy's fetches carry the bare user agent `Mozilla/5.0`
 *   (https://github.com/ua-parser/uap-core/issues/509); other fetches carry Apple Mail's own
 *   WebKit agent without a browser token, `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)
 *   AppleWebKit/605.1.15 (KHTML, like Gecko)` (https://github.com/ua-parser/uap-core/issues/528),
 *   which a person reading in Apple Mail (or Outlook's image proxy) also sends. So the agent alone
 *   proves nothing: it is the proxy's pre-fetch only within `proxyWindowSeconds` of sending
 *   (https://github.com/warmbly/warmbly/pull/569 reached the same rule).
 * - Known bots, crawlers and HTTP libraries: the `isbot` package (https://github.com/omrilotan/isbot),
 *   whose list also holds the bare `Mozilla/5.0`.
 * - `HEAD`: a browser showing an image or following a link asks with GET; HEAD is a checker.
 * - No user agent: every browser and mail client sends one.
 * - Clicks within `scannerWindowSeconds` of sending: mail security gateways (Microsoft Defender
 *   Safe Links, Proofpoint, Mimecast, Barracuda) open every link on arrival, with browser-like
 *   agents, before anyone could have read the message.
 * - The burst rule (every link of a message clicked within one second) lives in burst-watch.ts.
 */
import { isbot } from 'isbot';

export interface HitFacts {
  method: string;
  userAgent: string | undefined;
  /** Unix seconds when the message was rendered for sending (from the token). */
  sentAt: number;
  /** Now, in milliseconds. */
  nowMs: number;
}

export type MachineReason = 'head' | 'no-agent' | 'bot' | 'privacy-proxy' | 'scanner-window';

// Apple Mail's image loader: a WebKit agent on an Apple platform with no browser token after it.
const APPLE_MAIL_AGENT =
  /^Mozilla\/5\.0 \((?:Macintosh|iPhone|iPad)[^)]*\) AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)(?: Mobile\/\w+)?$/;

/** The user agents Apple's privacy proxy fetches with. */
export function isApplePrivacyProxyAgent(userAgent: string): boolean {
  return userAgent === 'Mozilla/5.0' || APPLE_MAIL_AGENT.test(userAgent);
}

/** Seconds between sending and the hit; negative when the clocks disagree. */
function secondsSinceSent(facts: HitFacts): number {
  return facts.nowMs / 1000 - facts.sentAt;
}

/** The reasons shared by opens and clicks, in order; null when none applies. */
function commonReason({ method, userAgent }: HitFacts): MachineReason | null {
  if (method.toUpperCase() === 'HEAD') return 'head';
  const agent = userAgent?.trim() ?? '';
  if (!agent) return 'no-agent';
  if (isbot(agent)) return 'bot';
  return null;
}

/** Why an open is a machine's, or null when it counts as a person's. */
export function classifyOpen(facts: HitFacts, proxyWindowSeconds: number): MachineReason | null {
  const common = commonReason(facts);
  if (common) return common;
  const agent = facts.userAgent?.trim() ?? '';
  if (isApplePrivacyProxyAgent(agent) && secondsSinceSent(facts) <= proxyWindowSeconds) return 'privacy-proxy';
  return null;
}

/** Why a click is a machine's (the burst rule aside), or null when it counts as a person's. */
export function classifyClick(facts: HitFacts, scannerWindowSeconds: number): MachineReason | null {
  const common = commonReason(facts);
  if (common) return common;
  if (secondsSinceSent(facts) <= scannerWindowSeconds) return 'scanner-window';
  return null;
}
