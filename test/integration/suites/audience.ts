import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLimitedAdmin } from '../../helpers/strapi';
import { createCampaign } from '../../helpers/fixtures';
import type { SuiteContext } from './context';
import {
  TABLES,
  count,
  eventsOf,
  generateCsv,
  listIdsOf,
  plugin,
  postJson,
  subscriberByEmail,
  unique,
  PUBLIC,
  setRateLimits,
  GENEROUS_LIMITS,
} from '../../fixtures/audience';
import { suppressionHash } from '../../../server/src/services/audience/email-address';
import { UID } from '../../../server/src/constants';

const COMPARED_COLUMNS = ['email', 'name', 'status', 'lists', 'locale', 'attributes'];

/** The admin side of the audience: lists, forms, subscribers, CSV import and export, erasure. */
export function audienceSuite(ctx: SuiteContext) {
  describe('audience admin', () => {
    let token: string;
    const strapi = () => ctx.app.strapi;
    const admin = (path: string, init: RequestInit & { json?: unknown; token?: string } = {}) =>
      ctx.app.request(`/email-campaigns${path}`, { token, ...init });

    async function createList(fields: Record<string, unknown> = {}) {
      const slug = unique('list');
      const res = await admin('/lists', {
        method: 'POST',
        json: { name: `List ${slug}`, slug, doubleOptIn: false, ...fields },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()).data as { id: number; slug: string; name: string };
    }

    async function createSubscriber(fields: Record<string, unknown>) {
      const res = await admin('/subscribers', { method: 'POST', json: fields });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()).data as { id: number; email: string };
    }

    async function upload(csv: string, fields: Record<string, unknown> = {}) {
      const body = new FormData();
      body.append('file', new Blob([csv], { type: 'text/csv' }), 'people.csv');
      for (const [key, value] of Object.entries(fields))
        body.append(key, typeof value === 'string' ? value : JSON.stringify(value));
      return admin('/subscribers/import', { method: 'POST', body });
    }

    /** Polls an import until it ends; returns every snapshot seen. */
    async function follow(jobId: string) {
      const seen = [];
      for (;;) {
        const res = await admin(`/subscribers/imports/${jobId}`);
        expect(res.status).toBe(200);
        const job = (await res.json()).data;
        seen.push(job);
        if (job.status !== 'running') return seen;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }

    async function exportCsv(query: string) {
      const res = await admin(`/subscribers/export?${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toMatch(
        /attachment; filename="subscribers-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      return res.text();
    }

    beforeAll(async () => {
      token = await ctx.app.login();
    });

    it('guards every route by its RBAC action', async () => {
      const reader = await createLimitedAdmin(strapi(), ['plugin::email-campaigns.read']);
      const readerToken = await ctx.app.login(reader.email, reader.password);
      expect((await admin('/subscribers', { token: readerToken })).status).toBe(200);
      expect((await admin('/lists', { token: readerToken })).status).toBe(200);
      expect((await admin('/forms', { token: readerToken })).status).toBe(200);
      // Exports are their own action: read alone does not take the list or a person's data away.
      expect((await admin('/subscribers/export', { token: readerToken })).status).toBe(403);
      expect((await admin('/subscribers/1/export', { token: readerToken })).status).toBe(403);
      const exporter = await createLimitedAdmin(strapi(), [
        'plugin::email-campaigns.read',
        'plugin::email-campaigns.subscribers.export',
      ]);
      const exporterToken = await ctx.app.login(exporter.email, exporter.password);
      expect((await admin('/subscribers/export', { token: exporterToken })).status).toBe(200);
      expect((await admin('/subscribers', { method: 'POST', token: exporterToken, json: {} })).status).toBe(403);
      for (const [path, method] of [
        ['/lists', 'POST'],
        ['/subscribers', 'POST'],
        ['/forms', 'POST'],
        ['/subscribers/1', 'DELETE'],
        ['/subscribers/import', 'POST'],
      ]) {
        expect((await admin(path, { method, token: readerToken, json: {} })).status, `${method} ${path}`).toBe(403);
      }
      expect((await ctx.app.request('/email-campaigns/subscribers')).status).toBe(401);

      const writer = await createLimitedAdmin(strapi(), [
        'plugin::email-campaigns.read',
        'plugin::email-campaigns.subscribers.write',
      ]);
      const writerToken = await ctx.app.login(writer.email, writer.password);
      const slug = unique('rbac');
      expect((await admin('/lists', { method: 'POST', token: writerToken, json: { name: 'RBAC', slug } })).status).toBe(
        201,
      );
    });

    it('creates, edits and deletes lists, with clear messages for bad input', async () => {
      const list = await createList({ description: 'About things', public: false });
      expect(list).toMatchObject({ description: 'About things', public: false, doubleOptIn: false });

      const bad = await admin('/lists', { method: 'POST', json: { name: 'Bad', slug: 'Not A Slug' } });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.message).toContain('lower-case letters, digits and dashes');
      const taken = await admin('/lists', { method: 'POST', json: { name: 'Twin', slug: list.slug } });
      expect(taken.status).toBe(400);
      expect((await taken.json()).error.message).toBe('Another list already uses this slug.');
      expect(
        (await admin('/lists', { method: 'POST', json: { name: 'X', slug: unique('x'), colour: 'red' } })).status,
      ).toBe(400);

      const updated = await admin(`/lists/${list.id}`, { method: 'PUT', json: { name: 'Renamed', public: true } });
      expect((await updated.json()).data).toMatchObject({ name: 'Renamed', public: true, slug: list.slug });

      const member = await createSubscriber({ email: `${unique('member')}@example.test`, lists: [list.id] });
      const all = (await (await admin('/lists')).json()).data;
      expect(all.find((l: any) => l.id === list.id)).toMatchObject({ subscribers: 1 });

      expect((await admin(`/lists/${list.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await admin(`/lists/${list.id}`)).status).toBe(404);
      expect(await listIdsOf(strapi(), member.id)).toEqual([]);
      expect((await admin(`/subscribers/${member.id}`)).status).toBe(200);
    });

    it('creates forms with their embed snippet and refuses unknown lists', async () => {
      const list = await createList();
      const slug = unique('form');
      const res = await admin('/forms', {
        method: 'POST',
        json: { name: 'Sidebar', slug, lists: [list.id], fields: { name: 'hidden' } },
      });
      expect(res.status).toBe(201);
      const form = (await res.json()).data;
      expect(form).toMatchObject({
        slug,
        doubleOptIn: true,
        fields: { name: 'hidden' },
        lists: [{ id: list.id, slug: list.slug }],
      });
      expect(form.embed.html).not.toContain('name="name"');
      expect(form.embed.html).toContain('name="website"');

      const unknown = await admin('/forms', {
        method: 'POST',
        json: { name: 'X', slug: unique('f'), lists: [99_999_999] },
      });
      expect((await unknown.json()).error.message).toBe('Unknown list id: 99999999');
      const badUrl = await admin('/forms', {
        method: 'POST',
        json: { name: 'X', slug: unique('f'), successUrl: 'javascript:alert(1)' },
      });
      expect((await badUrl.json()).error.message).toContain('http(s) URL');

      const changed = await admin(`/forms/${form.id}`, {
        method: 'PUT',
        json: { successUrl: 'https://site.example/done' },
      });
      expect((await changed.json()).data.successUrl).toBe('https://site.example/done');
      expect((await admin(`/forms/${form.id}`, { method: 'DELETE' })).status).toBe(204);
    });

    it('creates, finds, filters and edits subscribers, logging each change', async () => {
      const [a, b] = [await createList(), await createList()];
      const tag = unique('find');
      const anna = await createSubscriber({
        email: `${tag}-anna@Example.test`,
        name: 'Anna Tran',
        lists: [a.id],
        attributes: { plan: 'pro' },
        locale: 'vi',
      });
      const ben = await createSubscriber({
        email: `${tag}-ben@example.test`,
        name: 'Ben',
        lists: [a.id, b.id],
        status: 'unsubscribed',
      });
      expect(anna).toMatchObject({
        email: `${tag}-anna@example.test`,
        status: 'subscribed',
        source: 'admin',
        attributes: { plan: 'pro' },
        lists: [{ id: a.id }],
      });
      expect((ben as any).lists).toEqual([]);

      const duplicate = await admin('/subscribers', { method: 'POST', json: { email: `${tag}-ANNA@example.test` } });
      expect((await duplicate.json()).error.message).toBe('A subscriber with this address already exists.');
      const invalid = await admin('/subscribers', { method: 'POST', json: { email: 'nobody' } });
      expect((await invalid.json()).error.message).toBe('The email address is not valid.');
      const injected = await admin('/subscribers', {
        method: 'POST',
        json: { email: `${tag}-x@example.test`, name: 'X\r\nBcc: y@example.test' },
      });
      expect(injected.status).toBe(400);

      const search = await (await admin(`/subscribers?search=${tag}&pageSize=1`)).json();
      expect(search.meta.pagination).toMatchObject({ page: 1, pageSize: 1, total: 2, pageCount: 2 });
      const byName = await (await admin(`/subscribers?search=${encodeURIComponent('anna tran')}`)).json();
      expect(byName.data.map((s: any) => s.id)).toContain(anna.id);
      const byStatus = await (await admin(`/subscribers?search=${tag}&status=unsubscribed`)).json();
      expect(byStatus.data.map((s: any) => s.id)).toEqual([ben.id]);
      const byList = await (await admin(`/subscribers?list=${a.id}`)).json();
      expect(byList.data.map((s: any) => s.id)).toEqual([anna.id]);
      expect((await admin('/subscribers?pageSize=1000')).status).toBe(400);

      const edited = await admin(`/subscribers/${anna.id}`, {
        method: 'PUT',
        json: { name: 'Anna T.', lists: [b.id] },
      });
      expect((await edited.json()).data).toMatchObject({ name: 'Anna T.', lists: [{ id: b.id }] });
      await admin(`/subscribers/${anna.id}`, { method: 'PUT', json: { status: 'unsubscribed' } });
      expect(await listIdsOf(strapi(), anna.id)).toEqual([]);
      expect((await admin(`/subscribers/${anna.id}`, { method: 'PUT', json: { status: 'pending' } })).status).toBe(400);

      const events = await eventsOf(strapi(), anna.id);
      expect(events.map((e) => e.type)).toEqual(['created', 'updated', 'unsubscribed']);
      expect(events[1].data).toMatchObject({ fields: ['name'], added: [b.id], removed: [a.id] });
      expect(events[2].data).toMatchObject({ method: 'admin', fields: ['status', 'unsubscribedAt', 'pendingLists'] });
    });

    it('imports 10,000 rows with duplicates and 50 invalid lines, reporting progress, and the export round-trips', async () => {
      const restore = setRateLimits(strapi(), GENEROUS_LIMITS);
      try {
        const list = await createList();
        const prefix = unique('bulk');
        const fixture = generateCsv(prefix, 10_000, 50);

        const started = await upload(fixture.csv, {
          lists: [list.id],
          mapping: { email: 'email', name: 'name', attributes: { city: 'city' } },
        });
        expect(started.status, await started.clone().text()).toBe(202);
        const job = (await started.json()).data;
        const seen = await follow(job.id);
        const last = seen[seen.length - 1];
        expect(last, JSON.stringify(last.error)).toMatchObject({
          status: 'done',
          rows: 10_000,
          inserted: fixture.valid.length,
          duplicates: fixture.duplicates,
          invalid: 50,
          existing: 0,
          suppressed: 0,
          bytesRead: last.fileBytes,
        });
        expect(last.invalidLines.map((l: any) => l.line)).toEqual(fixture.invalidLines);
        expect(last.invalidLines[0].reason).toMatch(/email address/);
        // Progress was visible while the import ran.
        expect(
          seen.some(
            (s) => s.status === 'running' && s.rows > 0 && s.rows < 10_000 && s.inserted < fixture.valid.length,
          ),
        ).toBe(true);

        // Every valid row landed once, on the list.
        const imported = strapi().db.connection(TABLES.subscribers).where('email', 'like', `${prefix}-%`);
        expect(Number((await imported.clone().count({ n: '*' }))[0].n)).toBe(fixture.valid.length);
        expect(await count(strapi(), TABLES.subscriberLists, { list_id: list.id })).toBe(fixture.valid.length);
        const formula = await subscriberByEmail(strapi(), `${prefix}-5@example.test`);
        expect(formula.name).toBe('=HYPERLINK("http://evil.example","Person 5")');

        const first = await exportCsv(`list=${list.id}`);
        expect(first).toContain(`'=HYPERLINK(""http://evil.example"",""Person 5"")`);
        const firstRows = parse(first, { columns: true }) as Record<string, string>[];
        expect(firstRows).toHaveLength(fixture.valid.length);
        expect(firstRows.find((r) => r.email === `${prefix}-3@example.test`)).toMatchObject({
          name: 'Nguyễn, Văn 3',
          status: 'subscribed',
          lists: list.slug,
          attributes: '{"city":"City 3"}',
        });

        // Round trip: remove these people, import the export as it is, export again.
        const ids = (await imported.clone().pluck('id')).map(Number);
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          await strapi().db.connection(TABLES.subscriberLists).whereIn('subscriber_id', chunk).delete();
          await strapi().db.connection(TABLES.subscriberEvents).whereIn('subscriber_id', chunk).delete();
          await strapi().db.connection(TABLES.subscribers).whereIn('id', chunk).delete();
        }
        const again = await upload(first);
        expect(again.status).toBe(202);
        const second = await follow((await again.json()).data.id);
        expect(second[second.length - 1]).toMatchObject({
          status: 'done',
          inserted: fixture.valid.length,
          invalid: 0,
          duplicates: 0,
        });
        const secondRows = parse(await exportCsv(`list=${list.id}`), { columns: true }) as Record<string, string>[];
        const pick = (rows: Record<string, string>[]) =>
          rows.map((r) => COMPARED_COLUMNS.map((c) => r[c])).sort((x, y) => x[0].localeCompare(y[0]));
        expect(pick(secondRows)).toEqual(pick(firstRows));
      } finally {
        restore();
      }
    });

    it('records the sender’s events only for people who still exist', async () => {
      const person = await createSubscriber({ email: `${unique('bounce')}@example.test` });
      const at = new Date();
      await plugin(strapi())
        .service('subscribers')
        .recordEvents([
          { subscriberId: person.id, type: 'bounced', data: { code: '550' }, at },
          { subscriberId: 2_000_000_000, type: 'bounced', data: { code: '550' }, at },
        ]);
      expect((await eventsOf(strapi(), person.id)).map((e) => e.type)).toEqual(['created', 'bounced']);
      expect(await count(strapi(), TABLES.subscriberEvents, { subscriber_id: 2_000_000_000 })).toBe(0);
    });

    it('refuses an import whose file or options are wrong before starting', async () => {
      const noEmail = await upload('first,last\nA,B\n');
      expect((await noEmail.json()).error.message).toMatch(/No email column/);
      const badMapping = await upload('email\na@example.test\n', { mapping: { email: 'E-mail address' } });
      expect((await badMapping.json()).error.message).toBe(
        'The email column "E-mail address" is not in the file\'s header.',
      );
      const badList = await upload('email\na@example.test\n', { lists: [99_999_999] });
      expect((await badList.json()).error.message).toBe('Unknown list id: 99999999');
      const noFile = await admin('/subscribers/import', { method: 'POST', body: new FormData() });
      expect((await noFile.json()).error.message).toContain('Upload one CSV file');
      expect((await admin('/subscribers/imports/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    });

    it('keeps import progress in the database: any instance answers, and a job whose process died reads as failed', async () => {
      const list = await createList();
      const prefix = unique('shared');
      const csv = ['email', ...Array.from({ length: 1200 }, (_, i) => `${prefix}-${i}@example.test`)].join('\n') + '\n';
      const started = (await (await upload(csv, { lists: [list.id] })).json()).data;
      const seen = await follow(started.id);
      const row = await strapi()
        .db.connection(TABLES.importJobs)
        .where('job_id', started.id)
        .first('status', 'finished_at');
      expect(row.status).toBe('done');
      expect(row.finished_at).not.toBeNull();
      expect(seen[seen.length - 1]).toMatchObject({ status: 'done', rows: 1200, inserted: 1200 });

      // A job another process was running when it died: it stopped saving its progress.
      const orphan = '11111111-2222-4333-8444-555555555555';
      const progress = { ...seen[0], id: orphan, status: 'running', rows: 500, inserted: 500, finishedAt: null };
      await strapi()
        .db.query(UID.importJob)
        .create({ data: { jobId: orphan, status: 'running', progress } });
      const fresh = (await (await admin(`/subscribers/imports/${orphan}`)).json()).data;
      expect(fresh).toMatchObject({ status: 'running', rows: 500 });
      await strapi()
        .db.connection(TABLES.importJobs)
        .where('job_id', orphan)
        .update({ updated_at: new Date(Date.now() - 5 * 60_000) });
      const stale = (await (await admin(`/subscribers/imports/${orphan}`)).json()).data;
      expect(stale).toMatchObject({ status: 'failed', rows: 500, inserted: 500 });
      expect(stale.error).toContain('The import stopped');
    });

    it('erases a person with their history, keeps them out for good, and a later campaign skips them', async () => {
      const restore = setRateLimits(strapi(), GENEROUS_LIMITS);
      try {
        const list = await createList();
        const keep = await createSubscriber({
          email: `${unique('keep')}@example.test`,
          name: 'Keep',
          lists: [list.id],
        });
        const gone = await createSubscriber({
          email: `${unique('gone')}@example.test`,
          name: 'Gone',
          lists: [list.id],
        });
        const outbox = plugin(strapi()).service('outbox');
        const confirmation = await outbox.enqueue({
          kind: 'confirmation',
          subscriberId: gone.id,
          email: gone.email,
          provider: 'main',
          payload: {},
        });
        const earlier = await outbox.enqueue({
          kind: 'confirmation',
          subscriberId: gone.id,
          email: gone.email,
          provider: 'main',
          payload: {},
        });
        const sentAt = new Date(Math.floor(Date.now() / 1000) * 1000);
        await strapi()
          .db.connection(TABLES.deliveries)
          .where('id', earlier)
          .update({ status: 'bounced', sent_at: sentAt, last_error: `550 <${gone.email}> unknown` });
        expect(await count(strapi(), TABLES.deliveries, { subscriber_id: gone.id })).toBe(2);

        expect((await admin(`/subscribers/${gone.id}`, { method: 'DELETE' })).status).toBe(204);
        expect(await subscriberByEmail(strapi(), gone.email)).toBeUndefined();
        for (const table of [TABLES.subscriberLists, TABLES.subscriberEvents, TABLES.deliveries])
          expect(await count(strapi(), table, { subscriber_id: gone.id }), table).toBe(0);
        // Their deliveries stay, anonymous: what was sent still counts toward the provider's limits.
        const kept = await strapi()
          .db.connection(TABLES.deliveries)
          .whereIn('id', [confirmation, earlier])
          .orderBy('id')
          .select('email', 'status', 'last_error', 'sent_at', 'payload');
        expect(kept.map((row: any) => [row.email, row.status, row.last_error, row.payload])).toEqual([
          ['(erased)', 'skipped', 'The subscriber was erased', null],
          ['(erased)', 'bounced', null, null],
        ]);
        expect(new Date(kept[1].sent_at).getTime()).toBe(sentAt.getTime());
        expect(await count(strapi(), TABLES.suppressions, { email_hash: suppressionHash(gone.email) })).toBe(1);
        expect((await admin(`/subscribers/${gone.id}`)).status).toBe(404);
        expect((await admin(`/subscribers/${gone.id}`, { method: 'DELETE' })).status).toBe(404);

        // Never added again: not by the admin, not by an import, not through a form.
        const readd = await admin('/subscribers', { method: 'POST', json: { email: gone.email.toUpperCase() } });
        expect((await readd.json()).error.message).toContain('erased');
        const imported = await follow(
          (await (await upload(`email\n${gone.email}\n`, { lists: [list.id] })).json()).data.id,
        );
        expect(imported[imported.length - 1]).toMatchObject({ status: 'done', inserted: 0, suppressed: 1 });
        const publicAnswer = await postJson(ctx.app, `${PUBLIC}/subscribe`, { email: gone.email, lists: [list.slug] });
        expect(publicAnswer.status).toBe(200);
        expect(await subscriberByEmail(strapi(), gone.email)).toBeUndefined();

        // A campaign to their old list reaches the others and never them.
        const listDoc = await strapi()
          .db.query(UID.list)
          .findOne({ where: { id: list.id }, select: ['documentId'] });
        const campaign = await createCampaign(strapi(), { lists: [listDoc] });
        const deadline = Date.now() + 20_000;
        while (ctx.smtp.to(keep.email).length === 0 && Date.now() < deadline)
          await plugin(strapi()).service('sender').tick();
        expect(ctx.smtp.to(keep.email)).toHaveLength(1);
        expect(ctx.smtp.to(gone.email)).toHaveLength(0);
        const campaignRows = await strapi()
          .db.connection(TABLES.deliveries)
          .where({ campaign_id: campaign.id })
          .pluck('email');
        expect(campaignRows).toEqual([keep.email]);

        // What is kept about the person who stayed (GDPR access), campaign delivery included.
        const exported = await admin(`/subscribers/${keep.id}/export`);
        expect(exported.headers.get('content-disposition')).toContain(`subscriber-${keep.id}.json`);
        const data = (await exported.json()).data;
        expect(data.subscriber).toMatchObject({ email: keep.email, name: 'Keep', lists: [{ id: list.id }] });
        expect(data.events.map((e: any) => e.type)).toEqual(['created']);
        expect(data.deliveries).toEqual([
          expect.objectContaining({ kind: 'campaign', campaignId: campaign.id, status: 'sent' }),
        ]);
      } finally {
        restore();
      }
    });
  });
}
