/**
 * The replay window of signed webhooks: a captured request stops verifying once its signed
 * timestamp is older than the window (or further in the future, for clocks that disagree).
 */
export const DEFAULT_TOLERANCE_SECONDS = 10 * 60;

/** True when `timestamp` (unix seconds, as the provider sent it) lies within the window. */
export function isFresh(timestamp: string, now: Date, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= toleranceSeconds;
}
