import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/plugin';
import type { ResolvedProvider } from '../providers';
import type { ConnectionTest } from '../../contracts';
import { dkimOptions } from './headers';
import { dkimKeyStatus } from './dkim-key';

/** nodemailer's options for one provider's pool. */
export function transportOptions(provider: ResolvedProvider) {
  return {
    pool: true,
    host: provider.host,
    port: provider.port,
    secure: provider.secure,
    // Without it, a server (or someone in the path) that offers no STARTTLS gets the password in clear.
    requireTLS: provider.requireTLS,
    auth: provider.auth?.user ? { user: provider.auth.user, pass: provider.auth.pass } : undefined,
    maxConnections: provider.maxConnections,
    maxMessages: 100,
    // The pool re-sends a message after a dropped connection, which can deliver it twice.
    // The outbox decides what happens to such a row instead. See docs/architecture.md, "At most once".
    maxRequeues: 0,
    // perSecond is paced by the sender across instances (send-pacer.ts), not by the pool, whose
    // limit would hold per process only. See docs/architecture.md, "Limits".
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // Campaign content is editable in the admin: never let it read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    // Every message of the pool is signed; the key was checked at boot or on save (dkim-key.ts).
    ...(provider.dkim ? { dkim: dkimOptions(provider.dkim) } : {}),
    ...provider.transport,
  };
}

/** One pooled nodemailer transport per provider, created on first use and closed on destroy. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pools = new Map<string, Transporter>();

  const provider = (name: string): ResolvedProvider => {
    const found = getService(strapi, 'providers').get(name);
    if (!found) throw new Error(`Unknown email provider "${name}"`);
    return found;
  };

  return {
    get(name: string): Transporter {
      let pool = pools.get(name);
      if (!pool) {
        pool = nodemailer.createTransport(transportOptions(provider(name)));
        pools.set(name, pool);
      }
      return pool;
    },

    send(name: string, message: SendMailOptions) {
      return this.get(name).sendMail(message);
    },

    /**
     * "Test connection": connects and authenticates without sending, and says whether the DKIM
     * key can sign. The answer is safe to show.
     */
    async verify(name: string): Promise<ConnectionTest> {
      const found = provider(name);
      const dkim = found.dkim ? dkimKeyStatus(found.dkim) : null;
      const probe = nodemailer.createTransport({ ...transportOptions(found), pool: false });
      try {
        await probe.verify();
        return { ok: true, message: 'Connected and authenticated.', dkim };
      } catch (error) {
        // nodemailer's errors carry the server's reply in `response`.
        const { response, message } = (error ?? {}) as { response?: string; message?: string };
        return { ok: false, message: String(response ?? message ?? error), dkim };
      } finally {
        probe.close();
      }
    },

    /** Drops a provider's pool so the next send picks up changed settings. */
    reset(name: string) {
      pools.get(name)?.close();
      pools.delete(name);
    },

    closeAll() {
      for (const pool of pools.values()) pool.close();
      pools.clear();
    },
  };
};
