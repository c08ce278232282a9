/**
 * The render pool (service `renderPool`): runs render-worker.ts in at most two worker threads,
 * created on first use, ended when idle and when Strapi is destroyed. Each task has a time limit
 * (the thread is ended when it passes) and each thread a heap limit, so a hostile template costs
 * the site one worker, never its event loop or its heap. See docs/architecture.md, "Composing".
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { CampaignSource, CompileError, CompileResult } from '.';
import type { SampleInput, SampleRender } from './sample-render';
import { WORKER_OLD_GENERATION_MB, WORKER_TASK_MS, WORKER_YOUNG_GENERATION_MB } from './limits';

const PACKAGE = 'strapi-plugin-email-campaigns';
const MAX_THREADS = 2;
const IDLE_MS = 60_000;
const NICE_INCREMENT = 10;

// Through the package's own `exports`, the path strapi-plugin build writes the worker to. The
// ES module build has no __filename: it resolves from the site, where the plugin is installed.
function workerFile(): string {
  const from = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json');
  return createRequire(from).resolve(`${PACKAGE}/render-worker`);
}

export interface WorkerLimits {
  taskMs: number;
  oldGenerationMb: number;
  youngGenerationMb: number;
}

const WORKER_LIMITS: WorkerLimits = {
  taskMs: WORKER_TASK_MS,
  oldGenerationMb: WORKER_OLD_GENERATION_MB,
  youngGenerationMb: WORKER_YOUNG_GENERATION_MB,
};

/** Why a worker was stopped, as the admin reads it; null when the error is not a stop. */
function stopReason(error: unknown, limits: WorkerLimits): string | null {
  const { name, code } = error as { name?: string; code?: string };
  if (name === 'AbortError') {
    return `The template was stopped: compiling and rendering it took longer than ${limits.taskMs / 1000} s`;
  }
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `The template was stopped: compiling and rendering it needed more than ${limits.oldGenerationMb} MB`;
  }
  return null;
}

/** A pool with the given limits; the service uses the ones in limits.ts (tests pass smaller ones). */
export function createRenderPool(limits: WorkerLimits = WORKER_LIMITS) {
  let pool: Piscina | null = null;

  function open(): Piscina {
    pool ??= new Piscina({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: MAX_THREADS,
      idleTimeout: IDLE_MS,
      // Below the site's threads: on a busy machine, requests go first (Linux; needs @napi-rs/nice,
      // piscina's optional dependency, and is skipped without it).
      niceIncrement: NICE_INCREMENT,
      resourceLimits: {
        maxOldGenerationSizeMb: limits.oldGenerationMb,
        maxYoungGenerationSizeMb: limits.youngGenerationMb,
      },
    });
    return pool;
  }

  /** One task in a worker; a stopped worker comes back as a template error, not a failure. */
  async function run<T>(name: string, task: unknown, stopped: (error: CompileError) => T): Promise<T> {
    try {
      return (await open().run(task, { name, signal: AbortSignal.timeout(limits.taskMs) })) as T;
    } catch (error) {
      const reason = stopReason(error, limits);
      if (reason === null) throw error;
      return stopped({ line: 0, message: reason });
    }
  }

  return {
    /** Phase 1 and the MJML compile of a campaign version. */
    compile(source: CampaignSource): Promise<CompileResult> {
      return run('compile', source, (error) => ({ html: '', errors: [error] }));
    },

    /** The campaign compiled and rendered for a stand-in recipient: the preview, and the check before sending. */
    sample(input: SampleInput): Promise<SampleRender> {
      return run('sample', input, (error) => ({ html: '', errors: [error], message: null, checks: [] }));
    },

    async destroy() {
      const closing = pool;
      pool = null;
      await closing?.destroy();
    },
  };
}

export default () => createRenderPool();
