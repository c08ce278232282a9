const path = require('path');

// Loads the plugin from the repository root (built into dist/ by `npm run build`).
// An absolute path: Strapi tries require.resolve() first, which would read a relative one from its own folder.
const secretOf = (value) => (value.startsWith('[') ? JSON.parse(value) : value);

module.exports = ({ env }) => {
  const limits = {};
  if (env('EMAIL_CAMPAIGNS_PER_DAY')) limits.perDay = env.int('EMAIL_CAMPAIGNS_PER_DAY');
  if (env('EMAIL_CAMPAIGNS_PER_HOUR')) limits.perHour = env.int('EMAIL_CAMPAIGNS_PER_HOUR');

  const auth = env('SMTP_USER') ? { user: env('SMTP_USER'), pass: env('SMTP_PASS') } : undefined;
  const main = {
    preset: 'custom',
    host: env('SMTP_HOST', '127.0.0.1'),
    port: env.int('SMTP_PORT', 1025),
    secure: env.bool('SMTP_SECURE', false),
    auth,
    from: env('SMTP_FROM', 'Demo News <news@example.test>'),
    limits,
    // A test's confirmation budget as JSON, e.g. {"perHour":20,"perDay":30}.
    ...(env('EMAIL_CAMPAIGNS_CONFIRMATIONS') ? { confirmations: env.json('EMAIL_CAMPAIGNS_CONFIRMATIONS') } : {}),
  };
  // Tests that verify DKIM boot with a key of their own (PEM); without one, mail goes out unsigned.
  if (env('EMAIL_CAMPAIGNS_DKIM_KEY')) {
    main.dkim = {
      domainName: env('EMAIL_CAMPAIGNS_DKIM_DOMAIN', 'example.test'),
      keySelector: env('EMAIL_CAMPAIGNS_DKIM_SELECTOR', 'news'),
      privateKey: env('EMAIL_CAMPAIGNS_DKIM_KEY'),
    };
  }
  // Tests add providers on the same SMTP server, e.g. {"limited":{"limits":{"perDay":50}}}.
  const extra = Object.fromEntries(
    Object.entries(env.json('EMAIL_CAMPAIGNS_TEST_PROVIDERS', {})).map(([name, provider]) => [
      name,
      { ...main, limits: {}, ...provider },
    ]),
  );

  return {
    'email-campaigns': {
      enabled: true,
      resolve: path.resolve(__dirname, '..', '..', '..'),
      config: {
        publicUrl: env('PUBLIC_URL', `http://127.0.0.1:${env('PORT', '1337')}`),
        // A JSON list rotates secrets: the first signs, every one verifies.
        secret: secretOf(env('EMAIL_CAMPAIGNS_SECRET', 'demo-email-campaigns-secret-change-me')),
        defaultProvider: 'main',
        providers: { main, ...extra },
        cron:
          env('EMAIL_CAMPAIGNS_CRON', '*/10 * * * * *') === 'off'
            ? false
            : env('EMAIL_CAMPAIGNS_CRON', '*/10 * * * * *'),
        batchSize: env.int('EMAIL_CAMPAIGNS_BATCH_SIZE', 100),
        // Feedback keys of a test run as JSON (webhooks, bounce rules, breaker); the plugin's defaults fill the rest.
        ...(env('EMAIL_CAMPAIGNS_FEEDBACK') ? { feedback: env.json('EMAIL_CAMPAIGNS_FEEDBACK') } : {}),
        // The captcha of a test run as JSON, e.g. {"enabled":true,"maxNumber":2000}.
        ...(env('EMAIL_CAMPAIGNS_CAPTCHA') ? { captcha: env.json('EMAIL_CAMPAIGNS_CAPTCHA') } : {}),
        // Tracking of a test run as JSON, e.g. {"enabled":true,"flushIntervalMs":100}.
        ...(env('EMAIL_CAMPAIGNS_TRACKING') ? { tracking: env.json('EMAIL_CAMPAIGNS_TRACKING') } : {}),
      },
    },
  };
};
