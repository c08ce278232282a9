/**
 * One line of the domain check (issue #9, item 7): what DNS holds for SPF, DKIM or DMARC, and
 * the record to publish when it is missing or wrong. The shape is the admin's contract
 * (`DomainCheckLine`): the admin translates by `status`; `message` is plain English.
 */
import type { DomainCheckLine } from '../../contracts';

export type Check = DomainCheckLine;
export type CheckStatus = DomainCheckLine['status'];
