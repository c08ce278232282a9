const path = require('path');

// DATABASE_CLIENT picks sqlite (default), postgres or mysql; the tests create a fresh database per run.
module.exports = ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'sqlite') {
    return {
      connection: {
        client: 'sqlite',
        connection: { filename: path.resolve(__dirname, '..', env('DATABASE_FILENAME', '.tmp/data.db')) },
        useNullAsDefault: true,
        // WAL: readers do not wait for the writer, and a commit is not a full sync (still safe
        // when the process crashes). What we recommend for any SQLite site running the sender.
        pool: {
          afterCreate: (conn, done) => {
            conn.pragma('journal_mode = WAL');
            conn.pragma('synchronous = NORMAL');
            // A writer waits up to 15 s for another process's commit (better-sqlite3's default is 5 s),
            // e.g. while a restarted instance recovers the WAL a killed one left.
            conn.pragma('busy_timeout = 15000');
            done(null, conn);
          },
        },
      },
    };
  }

  const defaults = client === 'postgres' ? { port: 5432, user: 'postgres' } : { port: 3306, user: 'root' };
  return {
    connection: {
      client,
      connection: {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', defaults.port),
        database: env('DATABASE_NAME', 'test'),
        user: env('DATABASE_USERNAME', defaults.user),
        password: env('DATABASE_PASSWORD', ''),
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 1), max: env.int('DATABASE_POOL_MAX', 10) },
      acquireConnectionTimeout: 60000,
    },
  };
};
