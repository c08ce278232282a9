import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { APP_DIR, baseEnv } from './strapi';

export interface StrapiProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Runs test/app/server.js as a separate process: for restarts, SIGKILL in mid-send,
 * several instances on one database, and boots that are meant to fail.
 */
export function startStrapiProcess(
  env: Record<string, string | undefined>,
  { waitReady = true, timeoutMs = 120_000 } = {},
) {
  const child = spawn(process.execPath, [path.join(APP_DIR, 'server.js')], {
    cwd: APP_DIR,
    env: { ...process.env, ...baseEnv(env), SERVE_ADMIN: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );

  const handle = (url: string): StrapiProcess => ({
    child,
    url,
    output: () => output,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  });

  if (!waitReady) return Promise.resolve(handle(''));

  return new Promise<StrapiProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Strapi did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /STRAPI_READY (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(handle(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Strapi exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}
