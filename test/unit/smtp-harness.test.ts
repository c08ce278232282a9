import { describe, it, afterEach } from 'vitest';
import nodemailer from 'nodemailer';
import net from 'node:net';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';

const shape = (e: any) => e && ({ ctor: e.constructor?.name, message: e.message, code: e.code, responseCode: e.responseCode, command: e.command, response: e.response, originalCode: e.originalCode, timeoutType: e.timeoutType, errno: e.errno, syscall: e.syscall, permanent: e.permanent, rejected: e.rejected, rejectedErrors: e.rejectedErrors?.map(shape), keys: Object.keys(e) });

let srv: TestSmtpServer | undefined;
afterEach(async () => { await srv?.close(); srv = undefined; });

async function probe(name: string, setup: (s: TestSmtpServer) => void, t: any = {}, mail: any = {}) {
  for (const pool of [false, true]) {
    srv = await startSmtpServer();
    setup(srv);
    const tr = nodemailer.createTransport({ host: '127.0.0.1', port: srv.port, secure: false, ignoreTLS: true, pool, maxRequeues: 0, ...t } as any);
    const t0 = Date.now();
    try {
      const info = await tr.sendMail({ from: 'a@x.test', to: 'b@y.test', subject: 's', text: 'hi', ...mail });
      console.log(name, pool ? 'POOL' : 'SINGLE', Date.now() - t0, 'ms INFO', JSON.stringify(info));
    } catch (e) {
      console.log(name, pool ? 'POOL' : 'SINGLE', Date.now() - t0, 'ms ERR', JSON.stringify(shape(e)));
    }
    tr.close();
    await srv.close(); srv = undefined;
  }
}

describe('probe', () => {
  it('probes', async () => {
    await probe('ok', () => {});
    await probe('greet421', (s) => s.stall({stage:'greeting'}), { greetingTimeout: 300 });
    await probe('rcpt421', (s) => s.failRcpt(421, '4.7.0 Try again later, closing connection'));
    await probe('rcpt450', (s) => s.failRcpt(450, '4.2.1 Receiving mail too quickly'));
    await probe('rcpt451', (s) => s.failRcpt(451, '4.3.0 Temporary failure'));
    await probe('rcpt452', (s) => s.failRcpt(452, '4.5.3 Too many recipients'));
    await probe('rcpt550', (s) => s.failRcpt(550, '5.1.1 No such user'));
    await probe('rcpt552', (s) => s.failRcpt(552, '5.2.2 Mailbox full'));
    await probe('partial', (s) => s.failRcpt(550, '5.1.1 No such user', { match: (a) => a.startsWith('bad') }), {}, { to: ['good@y.test', 'bad@y.test'] });
    await probe('mail550-545', (s) => s.failMailFrom(550, '5.4.5 Daily user sending limit exceeded'));
    await probe('mail451', (s) => s.failMailFrom(451, '4.7.0 Temporary rate limit'));
    await probe('auth535', (s) => s.failAuth(), { auth: { user: 'u', pass: 'secretpw' } });
    await probe('data554', (s) => s.failData(554, '5.7.1 Message rejected'));
    await probe('data552', (s) => s.failData(552, '5.3.4 Message too big'));
    await probe('data550-726', (s) => s.failData(550, '5.7.26 Unauthenticated email is not accepted'));
    await probe('data451', (s) => s.failData(451, '4.3.0 Try later'));
    await probe('drop', (s) => s.dropAfterData());
    await probe('stallData', (s) => s.stall({ stage: 'data' }), { socketTimeout: 400 });
    await probe('stallRcpt', (s) => s.stall({ stage: 'rcpt' }), { socketTimeout: 400 });
    await probe('stallGreet', (s) => s.stall({ stage: 'greeting' }), { greetingTimeout: 300 });
  }, 60000);

  it('refused + noauth', async () => {
    const tmp = net.createServer(); await new Promise<void>(r => tmp.listen(0, '127.0.0.1', r));
    const port = (tmp.address() as any).port; await new Promise(r => tmp.close(r));
    for (const pool of [false, true]) {
      const tr = nodemailer.createTransport({ host: '127.0.0.1', port, pool, maxRequeues: 0 } as any);
      try { await tr.sendMail({ from: 'a@x.test', to: 'b@y.test', text: 'x' }); } catch (e) { console.log('refused', pool, JSON.stringify(shape(e))); }
      tr.close();
    }
    // server that closes immediately after accept
    const closer = net.createServer((s) => s.destroy()); await new Promise<void>(r => closer.listen(0, '127.0.0.1', r));
    const cport = (closer.address() as any).port;
    for (const pool of [false, true]) {
      const tr = nodemailer.createTransport({ host: '127.0.0.1', port: cport, pool, maxRequeues: 0 } as any);
      try { await tr.sendMail({ from: 'a@x.test', to: 'b@y.test', text: 'x' }); } catch (e) { console.log('closeBeforeGreeting', pool, JSON.stringify(shape(e))); }
      tr.close();
    }
    // 421 greeting via raw server
    const g = net.createServer((s) => { s.end('421 4.7.0 smtp.test Too many connections, try later\r\n'); }); await new Promise<void>(r => g.listen(0, '127.0.0.1', r));
    for (const pool of [false, true]) {
      const tr = nodemailer.createTransport({ host: '127.0.0.1', port: (g.address() as any).port, pool, maxRequeues: 0 } as any);
      try { await tr.sendMail({ from: 'a@x.test', to: 'b@y.test', text: 'x' }); } catch (e) { console.log('greet421raw', pool, JSON.stringify(shape(e))); }
      tr.close();
    }
    closer.close(); g.close();
  });
});
