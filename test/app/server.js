// Starts the test app as its own process: used by `npm run demo` and by tests that kill and restart Strapi.
const { createStrapi } = require('@strapi/strapi');

const appDir = __dirname;

createStrapi({ appDir, distDir: appDir, serveAdminPanel: process.env.SERVE_ADMIN !== 'false' })
  .start()
  .then((strapi) => {
    const { port } = strapi.server.httpServer.address();
    // A machine-readable line for the process that started us.
    console.log(`STRAPI_READY http://127.0.0.1:${port}`);
  })
  .catch((error) => {
    console.error(error?.message ?? error);
    process.exit(1);
  });
