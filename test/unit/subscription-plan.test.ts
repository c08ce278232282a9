import { describe, expect, it } from 'vitest';
import { planSubscription } from '../../server/src/services/audience/subscription-plan';

const double = (id: number) => ({ id, doubleOptIn: true });
const single = (id: number) => ({ id, doubleOptIn: false });

describe('planSubscription', () => {
  it('makes a new person pending on double opt-in lists and asks them to confirm', () => {
    expect(planSubscription(null, [double(1), double(2)])).toEqual({
      status: 'pending',
      link: [],
      pendingListIds: [1, 2],
      askToConfirm: true,
      changed: true,
    });
  });

  it('subscribes a new person at once on single opt-in lists', () => {
    expect(planSubscription(null, [single(3)])).toEqual({
      status: 'subscribed',
      link: [3],
      pendingListIds: [],
      askToConfirm: false,
      changed: true,
    });
  });

  it('mixes both: single opt-in lists join now, the others wait', () => {
    const plan = planSubscription(null, [single(3), double(4)]);
    expect(plan).toMatchObject({ status: 'subscribed', link: [3], pendingListIds: [4], askToConfirm: true });
  });

  it('asks a pending person again without changing anything else', () => {
    const plan = planSubscription({ status: 'pending', listIds: [], pendingListIds: [1] }, [double(1)]);
    expect(plan).toEqual({ status: 'pending', link: [], pendingListIds: [1], askToConfirm: true, changed: false });
  });

  it('does nothing for a subscribed person already on the list', () => {
    const plan = planSubscription(
      { status: 'subscribed', listIds: [1], pendingListIds: [] },
      [double(1), single(2)].slice(0, 1),
    );
    expect(plan).toEqual({ status: 'subscribed', link: [], pendingListIds: [], askToConfirm: false, changed: false });
  });

  it('lets a subscribed person join a double opt-in list only after confirming', () => {
    const plan = planSubscription({ status: 'subscribed', listIds: [1], pendingListIds: [] }, [double(2)]);
    expect(plan).toMatchObject({
      status: 'subscribed',
      link: [],
      pendingListIds: [2],
      askToConfirm: true,
      changed: true,
    });
  });

  it.each(['unsubscribed', 'bounced', 'complained'] as const)(
    'makes a person who is %s confirm again, even for a single opt-in list',
    (status) => {
      const plan = planSubscription({ status, listIds: [1], pendingListIds: [] }, [single(1), single(2)]);
      expect(plan).toEqual({ status, link: [], pendingListIds: [1, 2], askToConfirm: true, changed: true });
    },
  );

  it('takes a list out of the pending set when it is joined directly', () => {
    const plan = planSubscription({ status: 'pending', listIds: [], pendingListIds: [5, 6] }, [single(5)]);
    expect(plan).toMatchObject({
      status: 'subscribed',
      link: [5],
      pendingListIds: [6],
      askToConfirm: false,
      changed: true,
    });
  });
});
