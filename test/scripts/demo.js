#!/usr/bin/env node
// `npm run demo`: build the plugin and the admin, start a mail catcher (unless SMTP_HOST is set)
// and test/app on SQLite at http://127.0.0.1:1337, seeded with an admin, lists, subscribers, a subscribe
// form, templates, a campaign and a tracked public one (tracking on); it prints the admin's address, the
// hosted form's and what to try.
const { execSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { buildAdmin, APP_DIR } = require('./build-admin');
const { startMailCatcher } = require('./mail-catcher');
const { hostedFormUrl, DEMO_TRACKING, TRACKED_CAMPAIGN } = require('../app/src/seed');

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_DIR = path.join(ROOT, '.demo');
const PORT = process.env.PORT || '1337';
const admin = {
  email: process.env.ADMIN_EMAIL || 'admin@example.test',
  password: process.env.ADMIN_PASSWORD || 'Demo-Password-1',
};

const newestMtime = (dir) =>
  fs.existsSync(dir)
    ? Math.max(
        0,
        ...fs.readdirSync(dir, { recursive: true }).map((f) => fs.statSync(path.join(dir, String(f))).mtimeMs),
      )
    : 0;

async function main() {
  console.log('> building the plugin');
  execSync('npx strapi-plugin build', { cwd: ROOT, stdio: 'inherit' });

  // The admin build takes a minute: redo it only when the plugin's admin changed.
  const adminBuilt = path.join(APP_DIR, 'build', 'index.html');
  if (!fs.existsSync(adminBuilt) || newestMtime(path.join(ROOT, 'dist', 'admin')) > fs.statSync(adminBuilt).mtimeMs) {
    console.log('> building the admin panel (about a minute)');
    await buildAdmin();
    process.chdir(ROOT);
  }

  let catcher;
  const smtpEnv = {};
  if (!process.env.SMTP_HOST) {
    catcher = await startMailCatcher({ dir: path.join(DEMO_DIR, 'mail') });
    Object.assign(smtpEnv, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(catcher.smtpPort) });
  }

  fs.mkdirSync(DEMO_DIR, { recursive: true });
  const child = spawn(process.execPath, [path.join(APP_DIR, 'server.js')], {
    cwd: APP_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT,
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(DEMO_DIR, 'demo.db'),
      STRAPI_TELEMETRY_DISABLED: 'true',
      SEED_DEMO: 'true',
      // Opens and clicks per person, so the tracked campaign shows a report (README, "Privacy and tracking").
      EMAIL_CAMPAIGNS_TRACKING: JSON.stringify(DEMO_TRACKING),
      ...process.env,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ...smtpEnv,
    },
  });

  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (String(chunk).includes('STRAPI_READY')) {
      console.log(
        [
          '',
          '  Email campaigns demo is running',
          `  Admin:        http://127.0.0.1:${PORT}/admin`,
          `  Log in as:    ${admin.email} / ${admin.password}`,
          `  Subscribe:    ${hostedFormUrl(`http://127.0.0.1:${PORT}`)}  (the visitor's side: subscribe, confirm, leave)`,
          `  Publish rule: publish the news article "Strapi 5 ships MJML newsletters" in the Content Manager;`,
          `                "New article → draft campaign for review" makes a draft campaign of it (Email campaigns →`,
          `                Publish rules → History), and the weekly digest collects every published article`,
          `  Visual editor: Campaigns → New campaign (or Templates → a starter → Start a campaign) opens the`,
          `                visual editor: drag blocks from the palette, pick images from the Media Library and Strapi`,
          `                entries; "Code" shows the MJML it writes, the preview is the server's compile`,
          `  Tracking:     send the draft "${TRACKED_CAMPAIGN.name}" (Campaigns → its row → Send); in the caught mail`,
          `                click "Read the blog" (a tracked link) and "View in browser", then open the campaign's`,
          `                report for opens and clicks; it is public: http://127.0.0.1:${PORT}/api/email-campaigns/archive/newsletter`,
          `                lists it. "Your preferences" in the mail lets a reader turn tracking off`,
          catcher
            ? `  Caught mail:  ${catcher.url}  (files in ${path.join(DEMO_DIR, 'mail')})`
            : `  Mail goes to: ${process.env.SMTP_HOST}`,
          '  Stop with Ctrl+C.',
          '',
        ].join('\n'),
      );
    }
  });

  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', async (code) => {
    await catcher?.close();
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
