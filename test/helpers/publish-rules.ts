/** Publishing articles of the test app by every path Strapi offers, and reading what publish rules made of them. */
import type { Core } from '@strapi/strapi';
import { TABLES } from '../../server/src/constants';
import type { TestStrapi } from './strapi';

export const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;

type Json = any;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ok(res: Response, what: string): Promise<Json> {
  const body: Json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${what}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** The Content Manager's path: create a draft, then its Publish button (admin JWT). */
export async function publishInContentManager(app: TestStrapi, token: string, data: Record<string, unknown>) {
  const created = await ok(await app.request(CM, { method: 'POST', token, json: data }), 'CM create');
  const documentId: string = created.data.documentId;
  await ok(
    await app.request(`${CM}/${documentId}/actions/publish`, { method: 'POST', token, json: data }),
    'CM publish',
  );
  return documentId;
}

/** Saves a change in the Content Manager and publishes it again. */
export async function republishInContentManager(
  app: TestStrapi,
  token: string,
  documentId: string,
  data: Record<string, unknown>,
) {
  await ok(await app.request(`${CM}/${documentId}`, { method: 'PUT', token, json: data }), 'CM update');
  await ok(
    await app.request(`${CM}/${documentId}/actions/publish`, { method: 'POST', token, json: data }),
    'CM publish',
  );
}

/** A full-access API token, as a site owner makes one in Settings → API Tokens. */
export async function fullAccessToken(strapi: Core.Strapi): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name: `publish-rules-${Date.now()}`,
    description: 'test',
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey;
}

/** The REST API's create, which publishes by default in Strapi 5. */
export async function createThroughRest(app: TestStrapi, apiToken: string, data: Record<string, unknown>) {
  const body = await ok(
    await app.request('/api/articles', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}` },
      json: { data },
    }),
    'REST create',
  );
  return body.data.documentId as string;
}

export async function updateThroughRest(
  app: TestStrapi,
  apiToken: string,
  documentId: string,
  data: Record<string, unknown>,
) {
  await ok(
    await app.request(`/api/articles/${documentId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${apiToken}` },
      json: { data },
    }),
    'REST update',
  );
}

/** The hook records after the publish's commit: wait until the rule's record of the entry is there. */
export async function waitForRecord(strapi: Core.Strapi, ruleId: number, documentId: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await strapi.db
      .connection(TABLES.publishRecords)
      .where({ rule_id: ruleId, entry_document_id: documentId })
      .first();
    if (row) return row;
    await sleep(20);
  }
  throw new Error(`rule ${ruleId} recorded no publish of ${documentId}`);
}

/** The campaigns a rule made, oldest first. */
export async function campaignsOfRule(strapi: Core.Strapi, ruleId: number) {
  return strapi.db
    .connection(TABLES.campaigns)
    .where('origin', 'like', `rule:${ruleId}:%`)
    .orderBy('id')
    .select('id', 'status', 'entries', 'provider', 'origin');
}

/** The rule's records of entries published since it began (not those it found `preexisting`). */
export async function recordsOfRule(strapi: Core.Strapi, ruleId: number, states?: string[]) {
  return strapi.db
    .connection(TABLES.publishRecords)
    .where({ rule_id: ruleId })
    .whereIn('state', states ?? ['pending', 'sent', 'held', 'dropped'])
    .orderBy('id')
    .select('*');
}
