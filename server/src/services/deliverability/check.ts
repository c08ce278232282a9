/**
 * One line of the domain check (issue #9, item 7): what DNS holds for SPF, DKIM or DMARC, and
 * the record to publish when it is missing or wrong. The admin translates by `status`; `message`
 * is plain English for the log and the tooltip.
 */
export type CheckStatus = 'pass' | 'fail' | 'missing' | 'not-configured' | 'error';

export interface Check {
  status: CheckStatus;
  /** The DNS name that was looked up, which is also where `fix` goes; null when nothing was looked up. */
  name: string | null;
  /** The record(s) found there, several joined by a newline. */
  found: string | null;
  /** The whole TXT value to publish at `name`, when publishing one would fix the problem. */
  fix: string | null;
  message: string;
}
