/**
 * Reads the bounce mailbox on the scheduler's beat, registered as the `bounceMailbox` service.
 * Across every instance the mailbox is read at most once per `intervalSeconds`: a pass starts only
 * for the instance that inserts the turn's row in the nonce table (the unique index refuses the
 * others), and the row is renewed while the pass runs, so it is also the pass's lease. Handling is
 * idempotent (a unique key per report), so a pass that dies or loses its lease costs nothing but a
 * second reading. See docs/architecture.md, "Bounce mailbox".
 */
import type { Core } from '@strapi/strapi';
import { TABLES } from '../../constants';
import { knex } from '../../database/connection';
import { getService, pluginConfig } from '../../utils/plugin';
import { keepLeaseAlive } from '../sending/lease';
import { readBounceMailbox, type BounceMailboxRun } from './bounce-mailbox';

const TURN = { scope: 'lease', value: 'bounce-mailbox' };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let running: Promise<BounceMailboxRun | null> | null = null;
  const now = () => getService(strapi, 'clock').now();
  const later = (seconds: number) => new Date(now().getTime() + seconds * 1000);
  const turnRow = () => knex(strapi)(TABLES.nonces).where(TURN);

  /** True when this instance won the turn: no other pass ran within the interval or holds the lease. */
  async function takeTurn(intervalSeconds: number): Promise<boolean> {
    const expiresAt = later(intervalSeconds);
    return knex(strapi).transaction(async (trx) => {
      await trx(TABLES.nonces).where(TURN).where('expires_at', '<=', now()).delete();
      const [first] = await getService(strapi, 'nonces').use(trx, TURN.scope, [{ value: TURN.value, expiresAt }]);
      return first;
    });
  }

  async function pass(): Promise<BounceMailboxRun | null> {
    const config = pluginConfig(strapi).feedback.bounceMailbox;
    if (!config) return null;
    if (!(await takeTurn(config.intervalSeconds))) return null;
    // Renewed while the pass runs, so the next turn comes an interval after this pass, not during it.
    const stopRenewing = keepLeaseAlive(
      config.intervalSeconds,
      async () => void (await turnRow().update({ expires_at: later(config.intervalSeconds) })),
      (error) => strapi.log.warn(`[email-campaigns] bounce mailbox lease: ${error.message}`),
    );
    const { intervalSeconds: _interval, verp, ...connection } = config;
    try {
      return await readBounceMailbox(
        {
          ...connection,
          verpLocalPart: verp?.localPart,
          logger: {
            info: (line) => strapi.log.info(`[email-campaigns] ${line}`),
            warn: (line) => strapi.log.warn(`[email-campaigns] ${line}`),
          },
        },
        async (events) => void (await getService(strapi, 'feedback').record(events)),
      );
    } finally {
      stopRenewing();
    }
  }

  return {
    /**
     * One pass when the mailbox is set up and its turn has come, else null. A pass already running
     * in this process is not doubled: the call returns null at once.
     */
    pollIfDue(): Promise<BounceMailboxRun | null> {
      if (running) return Promise.resolve(null);
      running = pass().finally(() => {
        running = null;
      });
      return running;
    },

    /** Waits for a running pass, so a stopping Strapi does not close the database under it. */
    async stop(): Promise<void> {
      await running?.catch(() => undefined);
    },
  };
};
