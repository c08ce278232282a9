// Confirming an SNS subscription: docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.confirm.html
import { isSnsUrl } from './sns';

/**
 * The default way to confirm: a GET of the SubscribeURL, which sns.ts already checked to be an
 * https URL on an SNS host. No redirects, a timeout, and the answer's body is not needed.
 */
export async function confirmSnsSubscription(url: string): Promise<void> {
  if (!isSnsUrl(url)) throw new Error(`SNS subscription ${url}: not an SNS URL`);
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`SNS subscription ${url}: HTTP ${response.status}`);
}
