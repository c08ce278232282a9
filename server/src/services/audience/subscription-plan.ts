/**
 * What a subscribe request does to one person, decided without touching the database.
 *
 * The join table holds confirmed memberships only: campaigns go to `subscribed` people in their
 * lists, so a list that still needs confirmation waits in `pendingLists` until the person confirms.
 */
import type { SubscriberStatus } from '../../contracts';

export type { SubscriberStatus };

export interface Current {
  status: SubscriberStatus;
  listIds: number[];
  pendingListIds: number[];
}

export interface TargetList {
  id: number;
  /** The list or the form asks for double opt-in. */
  doubleOptIn: boolean;
}

export interface SubscriptionPlan {
  status: SubscriberStatus;
  /** Lists joined now (single opt-in). */
  link: number[];
  /** Lists waiting for confirmation after this request. */
  pendingListIds: number[];
  /** This request asked for lists that need confirming: send a confirmation mail (if the window allows). */
  askToConfirm: boolean;
  /** Anything changes at all. */
  changed: boolean;
}

// People who left, bounced or complained must confirm again, whatever the list says.
const MUST_RECONFIRM: SubscriberStatus[] = ['unsubscribed', 'bounced', 'complained'];

export function planSubscription(current: Current | null, targets: TargetList[]): SubscriptionPlan {
  const status: SubscriberStatus = current?.status ?? 'pending';
  const member = new Set(current?.listIds ?? []);
  const pending = new Set(current?.pendingListIds ?? []);
  const reconfirm = MUST_RECONFIRM.includes(status);

  const link: number[] = [];
  const requested: number[] = [];
  for (const target of targets) {
    if (member.has(target.id) && !reconfirm) continue;
    if (target.doubleOptIn || reconfirm) requested.push(target.id);
    else link.push(target.id);
  }

  for (const id of link) pending.delete(id);
  const addedToPending = requested.filter((id) => !pending.has(id));
  for (const id of requested) pending.add(id);

  const nextStatus: SubscriberStatus = link.length > 0 && status === 'pending' ? 'subscribed' : status;
  return {
    status: nextStatus,
    link,
    pendingListIds: [...pending],
    askToConfirm: requested.length > 0,
    changed: current === null || link.length > 0 || addedToPending.length > 0 || nextStatus !== status,
  };
}
