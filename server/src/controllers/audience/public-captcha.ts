/**
 * The ALTCHA widget's side of the public API: a fresh challenge, and the widget's files (script,
 * worker, stylesheet) served from this site, so the hosted form and the embed snippet load
 * nothing from a third party. The files come from the `altcha` package, pinned beside
 * `altcha-lib` (same challenge format, ALTCHA v1 proof of work).
 */
import { readFileSync } from 'node:fs';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../../utils/plugin';

/**
 * Appended to the widget's script. The widget starts its workers from `worker.js` beside the
 * script, which a browser allows only on the script's own origin: on another site (the embed
 * snippet) the worker is started from a blob that imports ours.
 */
const CROSS_ORIGIN_WORKERS = `
;(function () {
  var script = document.currentScript;
  if (!script || !script.src) return;
  var worker = new URL('worker.js', script.src);
  if (worker.origin === location.origin) return;
  globalThis.altchaCreateWorker = function () {
    var source = 'importScripts(' + JSON.stringify(worker.href) + ');';
    return new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  };
})();
`;

const ASSETS: Record<string, { module: string; type: string; suffix?: string }> = {
  'altcha.js': { module: 'altcha/external', type: 'text/javascript; charset=utf-8', suffix: CROSS_ORIGIN_WORKERS },
  'worker.js': { module: 'altcha/worker', type: 'text/javascript; charset=utf-8' },
  'altcha.css': { module: 'altcha/altcha.css', type: 'text/css; charset=utf-8' },
};

const loaded = new Map<string, string>();

function assetBody(name: string): string {
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const asset = ASSETS[name];
  const body = readFileSync(require.resolve(asset.module), 'utf8') + (asset.suffix ?? '');
  loaded.set(name, body);
  return body;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const captcha = () => getService(strapi, 'captcha');
  const refuseWhenOff = () => {
    if (!captcha().widget()) throw new errors.NotFoundError('The captcha is not enabled.');
  };

  return {
    async challenge(ctx: Context) {
      refuseWhenOff();
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await captcha().challenge();
    },

    async asset(ctx: Context) {
      refuseWhenOff();
      const name = String(ctx.params.file ?? '');
      if (!Object.hasOwn(ASSETS, name)) throw new errors.NotFoundError('No such file.');
      ctx.type = ASSETS[name].type;
      // The same bytes until the plugin is upgraded: browsers may keep them a day.
      ctx.set('Cache-Control', 'public, max-age=86400');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = assetBody(name);
    },
  } satisfies Core.Controller;
};
