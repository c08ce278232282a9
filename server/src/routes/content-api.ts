import { WEBHOOK_TYPES } from '../services/feedback/webhooks/adapters';
import tokenApi from './token-api';

/**
 * The public API under /api/email-campaigns/: no login and no Users & Permissions setup. Each
 * route caps the body, limits requests per IP and marks its answers no-referrer / no-store.
 */
const guarded = (bucket: 'subscribe' | 'pages') => ({
  auth: false as const,
  middlewares: [
    'plugin::email-campaigns.public-headers',
    'plugin::email-campaigns.body-limit',
    { name: 'plugin::email-campaigns.rate-limit', config: { bucket } },
  ],
});

/**
 * Provider webhooks: the signature is the authorisation. No per-IP limit (providers post in
 * bursts from few addresses) and no 16 KB cap: the webhook middleware reads the body with
 * `feedback.webhookMaxBodyBytes` (register.ts).
 */
/** The captcha widget's challenge and files: rate-limited like pages; the files may be cached. */
const captchaAsset = {
  auth: false as const,
  middlewares: [{ name: 'plugin::email-campaigns.rate-limit', config: { bucket: 'pages' } }],
};

const webhook = { auth: false as const, middlewares: ['plugin::email-campaigns.public-headers'] };

// The click and open routes (`/l/:token`, `/o/:token`) are answered ahead of Strapi's stack by
// middlewares/tracking-fast-path.ts, registered in register.ts.
export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/subscribe', handler: 'publicSubscribe.subscribe', config: guarded('subscribe') },
    { method: 'GET', path: '/captcha/challenge', handler: 'publicCaptcha.challenge', config: guarded('pages') },
    { method: 'GET', path: '/captcha/:file', handler: 'publicCaptcha.asset', config: captchaAsset },
    { method: 'GET', path: '/forms/:slug', handler: 'publicSubscribe.formPage', config: guarded('pages') },
    { method: 'GET', path: '/confirm', handler: 'publicLinks.confirmPage', config: guarded('pages') },
    { method: 'POST', path: '/confirm', handler: 'publicLinks.confirm', config: guarded('pages') },
    { method: 'GET', path: '/unsubscribe', handler: 'publicLinks.unsubscribePage', config: guarded('pages') },
    { method: 'POST', path: '/unsubscribe', handler: 'publicLinks.unsubscribe', config: guarded('pages') },
    { method: 'GET', path: '/preferences', handler: 'publicLinks.preferencesPage', config: guarded('pages') },
    { method: 'POST', path: '/preferences', handler: 'publicLinks.savePreferences', config: guarded('pages') },
    // View in browser and the public archive (docs/architecture.md, "Engagement"); the feed before the copy,
    // whose `:campaign` would otherwise take `feed.atom`.
    { method: 'GET', path: '/web', handler: 'publicArchive.webView', config: guarded('pages') },
    { method: 'GET', path: '/archive/:slug', handler: 'publicArchive.page', config: guarded('pages') },
    { method: 'GET', path: '/archive/:slug/feed.atom', handler: 'publicArchive.feed', config: guarded('pages') },
    { method: 'GET', path: '/archive/:slug/:campaign', handler: 'publicArchive.copy', config: guarded('pages') },
    ...WEBHOOK_TYPES.map((type) => ({
      method: 'POST',
      path: `/webhooks/${type}`,
      handler: `webhooks.${type}`,
      config: webhook,
    })),
    // Behind Strapi's API tokens, not public.
    ...tokenApi,
  ],
};
