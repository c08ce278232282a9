// The SMTP sink: smtp-server on 127.0.0.1 that accepts everything and only counts (messages and
// bytes). It runs in a process of its own, so its CPU is not taken from the sender's event loop
// and its memory is not in the sender's RSS; both the raw baseline and the pipeline use it.
const { fork } = require('node:child_process');

if (require.main === module) {
  const { SMTPServer } = require('smtp-server');
  let count = 0;
  let bytes = 0;
  let waiters = [];
  const settle = () => {
    waiters = waiters.filter((w) => {
      if (count < w.n) return true;
      process.send({ id: w.id, count, bytes });
      return false;
    });
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    maxClients: 100,
    onAuth: (auth, session, cb) => cb(null, { user: auth.username }),
    onData(stream, session, callback) {
      stream.on('data', (chunk) => (bytes += chunk.length));
      stream.on('end', () => {
        count += session.envelope.rcptTo.length;
        callback();
        settle();
      });
    },
  });
  server.on('error', () => {});
  server.listen(0, '127.0.0.1', () => process.send({ ready: true, port: server.server.address().port }));
  process.on('message', (msg) => {
    if (msg.type === 'count') process.send({ id: msg.id, count, bytes });
    else if (msg.type === 'reset') {
      count = 0;
      bytes = 0;
      process.send({ id: msg.id, count, bytes });
    } else if (msg.type === 'waitFor') {
      waiters.push({ id: msg.id, n: msg.n });
      settle();
    } else if (msg.type === 'close') server.close(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
} else {
  /** Starts the sink process; resolves to { host, port, count(), reset(), waitFor(n, ms), close() }. */
  module.exports.startSink = () =>
    new Promise((resolve, reject) => {
      const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let seq = 0;
      const pending = new Map();
      const ask = (msg) =>
        new Promise((res) => {
          const id = ++seq;
          pending.set(id, res);
          child.send({ ...msg, id });
        });
      child.on('message', (msg) => {
        if (msg.ready) {
          resolve({
            host: '127.0.0.1',
            port: msg.port,
            count: () => ask({ type: 'count' }),
            reset: () => ask({ type: 'reset' }),
            async waitFor(n, ms = 600_000) {
              let timer;
              const timeout = new Promise((_, rej) => {
                timer = setTimeout(() => rej(new Error(`the sink did not receive ${n} messages within ${ms} ms`)), ms);
              });
              try {
                return await Promise.race([ask({ type: 'waitFor', n }), timeout]);
              } finally {
                clearTimeout(timer);
              }
            },
            close: () =>
              new Promise((res) => {
                child.once('exit', res);
                child.send({ type: 'close' });
              }),
          });
          return;
        }
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the SMTP sink exited early (${code})`)));
    });
}
