import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteContext } from './context';
import { unique } from '../../fixtures/audience';
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp-server';

interface Answer {
  status: number;
  body: {
    data?: { hasPassword?: boolean; requireTLS?: boolean; ok?: boolean; message?: string };
    error?: { message: string };
  };
}

/**
 * Secrets in Settings (issue #10): a saved password follows its server, never a new one, and
 * STARTTLS is required off this machine. A local SMTP server logs every AUTH it receives.
 */
export function providerSecretsSuite(ctx: SuiteContext) {
  describe('provider secrets in Settings', () => {
    let token: string;
    let listener: TestSmtpServer;

    const api = async (method: string, path: string, json?: unknown): Promise<Answer> => {
      const res = await ctx.app.request(`/email-campaigns/settings${path}`, { method, json, token });
      return { status: res.status, body: await res.json() };
    };
    const provider = (name: string, fields: Record<string, unknown>) => ({
      name,
      preset: 'custom',
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      user: 'owner',
      from: 'News <news@example.test>',
      ...fields,
    });

    beforeAll(async () => {
      token = await ctx.app.login();
      listener = await startSmtpServer();
    });

    afterAll(() => listener?.close());

    it('drops the saved password when host, port, user or security change without it being typed again', async () => {
      const changes: Array<[string, Record<string, unknown>]> = [
        ['host', { host: 'localhost' }],
        ['port', { port: ctx.smtp.port }],
        ['user', { user: 'someone-else' }],
        ['security', { requireTLS: true }],
      ];
      for (const [what, change] of changes) {
        const name = unique(`moved-${what}`);
        const created = await api('POST', '/providers', provider(name, { password: 'the-real-password' }));
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        expect(created.body.data?.hasPassword).toBe(true);

        // The same destination keeps the password without it being typed again.
        const kept = await api('PUT', `/providers/${name}`, provider(name, { maxConnections: 2 }));
        expect(kept.body.data?.hasPassword, what).toBe(true);

        const moved = await api('PUT', `/providers/${name}`, provider(name, change));
        expect(moved.status, JSON.stringify(moved.body)).toBe(200);
        expect(moved.body.data?.hasPassword, what).toBe(false);

        // Typed again, it is kept with the new destination.
        const retyped = await api('PUT', `/providers/${name}`, provider(name, { ...change, password: 'typed-again' }));
        expect(retyped.body.data?.hasPassword, what).toBe(true);
      }
    });

    it('sends no password to a server the saved provider was pointed at by "Test connection"', async () => {
      const name = unique('pointed');
      const elsewhere = await startSmtpServer();
      try {
        await api('POST', '/providers', provider(name, { password: 'the-real-password' }));
        const tested = await api('POST', `/providers/${name}/test`);
        expect(tested.body.data?.ok).toBe(true);
        expect(listener.auths.map((auth) => auth.password)).toContain('the-real-password');

        // An admin points it at a server of their own, leaving the password field blank.
        const moved = await api('PUT', `/providers/${name}`, provider(name, { port: elsewhere.port }));
        expect(moved.body.data?.hasPassword).toBe(false);
        await api('POST', `/providers/${name}/test`);
        expect(elsewhere.auths.filter((auth) => auth.password)).toEqual([]);
        expect(JSON.stringify(elsewhere.auths)).not.toContain('the-real-password');
      } finally {
        await elsewhere.close();
      }
    });

    it('requires STARTTLS off this machine unless turned off, and refuses to authenticate without it', async () => {
      const remote = unique('remote');
      const saved = await api('POST', '/providers', provider(remote, { host: 'smtp.example.test', password: 'p' }));
      expect(saved.body.data?.requireTLS).toBe(true);
      const local = unique('local');
      expect((await api('POST', '/providers', provider(local, { password: 'p' }))).body.data?.requireTLS).toBe(false);
      const optedOut = unique('opted-out');
      const plain = await api(
        'POST',
        '/providers',
        provider(optedOut, { host: 'smtp.example.test', requireTLS: false }),
      );
      expect(plain.body.data?.requireTLS).toBe(false);

      // The listener offers no STARTTLS: with requireTLS the connection stops before AUTH.
      const strict = unique('strict');
      await api('POST', '/providers', provider(strict, { requireTLS: true, password: 'never-sent' }));
      const before = listener.auths.length;
      const tested = await api('POST', `/providers/${strict}/test`);
      expect(tested.body.data?.ok).toBe(false);
      expect(listener.auths.slice(before)).toEqual([]);
      expect(JSON.stringify(listener.auths)).not.toContain('never-sent');

      const bad = await api('POST', '/providers', provider(unique('bad'), { requireTLS: 'yes' }));
      expect(bad.status).toBe(400);
    });
  });
}
