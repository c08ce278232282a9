import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startStrapiProcess } from '../helpers/strapi-process';

// A bad config must stop the boot with one line that names the key and the fix.
describe('config validation at boot', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(() => database.drop());

  async function bootFailure(env: Record<string, string>) {
    const strapi = await startStrapiProcess({ ...database.env, ...env }, { waitReady: false });
    const { code } = await strapi.exited;
    return { code, output: strapi.output() };
  }

  it('refuses a negative daily limit', async () => {
    const { code, output } = await bootFailure({ EMAIL_CAMPAIGNS_PER_DAY: '-5' });
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /config key "providers\.main\.limits\.perDay" is -5\. Use a whole number of at least 1, or leave it out for no limit\./,
    );
  });

  it('refuses a DKIM key that does not parse', async () => {
    const { code, output } = await bootFailure({ EMAIL_CAMPAIGNS_DKIM_KEY: 'not a key' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/config key "providers\.main\.dkim\.privateKey" does not parse as a PEM private key\./);
  });

  it('refuses a missing secret', async () => {
    const { code, output } = await bootFailure({ EMAIL_CAMPAIGNS_SECRET: '' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/config key "secret" is missing\. Set it to a long random string/);
  });

  it('stops a production boot whose publicUrl is not https, naming the key', async () => {
    const http = await bootFailure({ NODE_ENV: 'production', PUBLIC_URL: 'http://news.example.test' });
    expect(http.code).not.toBe(0);
    expect(http.output).toMatch(
      /config key "publicUrl" is "http:\/\/news\.example\.test", not https, in production\. Set it to the https address/,
    );
  });

  it('refuses a secret list holding a short secret, naming its place in the list', async () => {
    const { code, output } = await bootFailure({ EMAIL_CAMPAIGNS_SECRET: '["a-long-enough-new-secret", "short"]' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/config key "secret\[1\]" is shorter than 16 characters/);
  });
});
