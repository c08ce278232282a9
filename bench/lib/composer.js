// The composer's pure functions (compileCampaign, prepareTemplate, renderMessage) straight from
// server/src/services/composing/index.ts, and the campaign headers (buildCampaignHeaders) from
// server/src/services/sending/headers.ts: dist/ is one bundle that does not export them, so esbuild
// (already installed with @strapi/sdk-plugin) bundles that one file to CommonJS, dependencies
// left external so the bench uses the very liquidjs, html-to-text and mjml the plugin uses.
const fs = require('node:fs');
const path = require('node:path');
const { loadTypeScript } = require('./typescript');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = [
  path.join(ROOT, 'server', 'src', 'services', 'composing', 'index.ts'),
  path.join(ROOT, 'server', 'src', 'services', 'sending', 'headers.ts'),
];

const loadComposer = () => loadTypeScript(...SOURCES);

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const newsletter = () => ({
  mjml: fs.readFileSync(path.join(FIXTURES, 'newsletter.mjml'), 'utf8'),
  entries: JSON.parse(fs.readFileSync(path.join(FIXTURES, 'entries.json'), 'utf8')),
  subject: 'The Example Weekly #{{ campaign.id }}: {{ subscriber.name | default: "friend" }}, version 5.4 is out',
  preheader: 'Faster builds, a new media library, four tutorials and the events of the month',
});

module.exports = { loadComposer, newsletter, ROOT };
