// The admin offers Vietnamese besides English, so the browser tests can check the plugin's
// translations. No release check: it calls api.github.com, which the test machines cannot reach.
export default {
  config: { locales: ['vi'], notifications: { releases: false } },
  bootstrap() {},
};
