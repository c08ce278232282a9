module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS', ['demo-key-a-change-me', 'demo-key-b-change-me']) },
  url: env('SERVER_URL', ''),
  // Strapi 5 reads server.proxy.koa (a bare boolean is ignored): behind a proxy, X-Forwarded-For names the client.
  proxy: { koa: env.bool('PROXY', false) },
});
