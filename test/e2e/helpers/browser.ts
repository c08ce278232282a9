/**
 * One headless Chromium (Debian's, driven by playwright-core) per test file, and a page that
 * records every console error and uncaught exception so the tests can fail on them.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

// The machine has no network: without these, Chromium's own background connections fail noisily.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserSession {
  page: Page;
  context: BrowserContext;
  /** Console errors and page errors seen since the last takeErrors(). */
  takeErrors(): string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Console errors that come from Strapi's admin shell rather than this plugin, each with the
 * reason it is safe to ignore. Matched against `url + text`.
 */
export const STRAPI_CORE_ERRORS: Array<{ pattern: RegExp; why: string }> = [
  {
    // The Content Manager's edit view asks for AI features and a preview URL this app does not
    // configure; Strapi answers 404 and the browser logs each failed request.
    pattern:
      /status of 404 \(Not Found\) \(\S+\/(admin\/ai-feature-config|i18n\/ai-localization-jobs\/|content-manager\/preview\/url\/)/,
    why: "Strapi's Content Manager probing for features the test app leaves off",
  },
  {
    // Strapi's own vi.json lacks some of its keys (e.g. content-manager.plugin.name, read by the
    // main menu): react-intl logs each as an error. Keys of this plugin are never excused.
    pattern: /MISSING_TRANSLATION\] Missing message: "(?!email-campaigns\.)/,
    why: "Strapi core's incomplete Vietnamese translation",
  },
  {
    // The upload plugin's "From computer" step (FromComputerForm) hands justifyContent to a Box,
    // which passes it to the DOM: the Media Library dialog the composer opens logs it.
    pattern: /React does not recognize the `%s` prop on a DOM element.*%s justifyContent justifycontent/s,
    why: "@strapi/upload's Media Library dialog",
  },
];

function describe(message: ConsoleMessage): string {
  const { url } = message.location();
  return `${message.text()}${url ? ` (${url})` : ''}`;
}

export async function openBrowser(baseUrl: string): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'email-campaigns-chromium-'));
  // A fresh profile each run; playwright passes it to Chromium as --user-data-dir.
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    baseURL: baseUrl,
    viewport: { width: 1440, height: 1000 },
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
  });
  // No network here: requests for anything the local Strapi does not serve (such as the Google
  // font an MJML template may link) get an empty answer instead of failing.
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) =>
      route.fulfill({
        status: 200,
        contentType: route.request().resourceType() === 'stylesheet' ? 'text/css' : 'text/plain',
        body: '',
      }),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  let errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = describe(message);
    if (!STRAPI_CORE_ERRORS.some(({ pattern }) => pattern.test(text))) errors.push(`console.error: ${text}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  await mkdir(SCREENSHOTS, { recursive: true });

  return {
    page,
    context,
    takeErrors() {
      const taken = errors;
      errors = [];
      return taken;
    },
    async screenshot(name: string) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the admin's login form. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/admin/auth/login');
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /log ?in/i }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
}
