module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS', ['demo-key-a-change-me', 'demo-key-b-change-me']) },
  url: env('SERVER_URL', ''),
  proxy: env.bool('PROXY', false),
});
