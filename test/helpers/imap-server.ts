/**
 * A real IMAP server for tests: Debian's dovecot (package dovecot-imapd) started as a child process
 * with its own configuration, runtime directories, logs and maildir in a temporary directory, on
 * 127.0.0.1 and a free port, without TLS. It never reads /etc/dovecot nor touches a system dovecot.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export interface TestImapServer {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** dovecot's own log, for a test that misbehaves. */
  log(): string;
  stop(): Promise<void>;
}

const HOW_TO_INSTALL = 'dovecot is not installed. Install it with: apt-get install dovecot-imapd';

function findDovecot(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = path.join(dir, 'dovecot');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** Why no IMAP server can be started, or null when one can. */
export function imapUnavailableReason(): string | null {
  return findDovecot() ? null : HOW_TO_INSTALL;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Who owns the mail. dovecot refuses mail access as root whatever first_valid_uid says ("Mail
 * access not allowed for root"), so as root (CI) the mailbox belongs to nobody; otherwise to us,
 * and dovecot's internal and login processes run as us too, without chroot (which needs root).
 */
function accounts(): { mailUid: number; mailGid: number; extra: string } {
  const uid = process.getuid?.() ?? 0;
  const id = (...args: string[]) => execFileSync('id', args, { encoding: 'utf8' }).trim();
  if (uid === 0) return { mailUid: Number(id('-u', 'nobody')), mailGid: Number(id('-g', 'nobody')), extra: '' };
  const user = userInfo().username;
  return {
    mailUid: uid,
    mailGid: process.getgid?.() ?? uid,
    extra: [
      `default_internal_user = ${user}`,
      `default_internal_group = ${id('-gn')}`,
      `default_login_user = ${user}`,
      'service anvil {\n  chroot =\n}',
      'service imap-login {\n  chroot =\n}',
    ].join('\n'),
  };
}

function config(dir: string, port: number, mailUid: number, mailGid: number, extra: string): string {
  return `# Written by test/helpers/imap-server.ts for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
# Plain IMAP on localhost only: no certificates to manage in tests.
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/Maildir
mail_uid = ${mailUid}
mail_gid = ${mailGid}
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
${extra}
`;
}

/** Resolves once dovecot greets as ready (its first greeting may only say it waits for auth). */
async function waitUntilReady(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}:\n${log()}`);
    const greeting = await new Promise<string>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.setTimeout(2000, () => socket.destroy());
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString('utf8'));
      });
      socket.once('error', () => resolve(''));
      socket.once('close', () => resolve(''));
    });
    if (/^\* OK .*ready/.test(greeting)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not become ready on 127.0.0.1:${port}:\n${log()}`);
}

export async function startImapServer(): Promise<TestImapServer> {
  const binary = findDovecot();
  if (!binary) throw new Error(HOW_TO_INSTALL);
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  // 2.4 renamed most of the settings used here (mail_driver, auth_allow_cleartext, named passdbs).
  if (!version.startsWith('2.3.')) throw new Error(`test/helpers/imap-server.ts supports dovecot 2.3, not ${version}`);

  const dir = mkdtempSync(path.join(tmpdir(), 'ec-dovecot-'));
  // dovecot's auth worker runs as its own user and must reach the passwd file.
  chmodSync(dir, 0o711);
  const { mailUid, mailGid, extra } = accounts();
  const port = await freePort();
  const user = 'bounces';
  const password = randomBytes(12).toString('hex');
  mkdirSync(path.join(dir, 'Maildir'));
  chownSync(path.join(dir, 'Maildir'), mailUid, mailGid);
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::${dir}::\n`, { mode: 0o644 });
  writeFileSync(path.join(dir, 'dovecot.conf'), config(dir, port, mailUid, mailGid, extra));

  const log = () => {
    try {
      return readFileSync(path.join(dir, 'dovecot.log'), 'utf8');
    } catch {
      return '(no log yet)';
    }
  };
  let output = '';
  const child = spawn(binary, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(port, child, () => `${output}${log()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: '127.0.0.1', port, user, password, log, stop };
}

/** Runs `fn` with a client logged in to the test server as its mailbox user, then logs out. */
export async function withImapClient<T>(server: TestImapServer, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}
