import { Worker } from 'node:worker_threads';
import { KubeconfigParseError, parseKubeconfig, tooDeepError, tooLargeError, type ParsedKubeconfig } from './parse.js';
import { sizeProblem } from '../../../common/yaml-limits.js';
import { KUBECONFIG_LIMITS, tooDeepAtSliced } from './yaml-limits.js';

/** Texts up to this size parse on the calling thread: a worker costs more than they do. */
export const OFF_THREAD_CHARS = 512 * 1024;

// Bundled (dist/main/main.cjs, dist/web/*.mjs), the worker is dist/workers/kubeconfig-parse.mjs; from the sources
// (tests, tsx) it is the TypeScript file itself, run through tsx.
function workerSource(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { url: new URL('./parse-worker.ts', here), execArgv: ['--import', 'tsx'] };
  // A packaged app keeps it outside the asar archive (build/electron-builder.yml asarUnpack).
  const bundled = new URL('../workers/kubeconfig-parse.mjs', here).href.replace('/app.asar/', '/app.asar.unpacked/');
  return { url: new URL(bundled), execArgv: [] };
}

type Answer = { ok: true; parsed: ParsedKubeconfig } | { ok: false; problem: string };

/**
 * parseKubeconfig, on a worker thread for large texts, so that a big or hostile file never stalls the host (every
 * window, every tab). Its size and depth are checked here first, in slices (a hostile text is refused in
 * milliseconds, without a worker); the worker's heap is capped: a text that still exhausts it is refused too.
 */
export async function parseKubeconfigOffThread(text: string, baseDir?: string): Promise<ParsedKubeconfig> {
  if (text.length <= OFF_THREAD_CHARS) return parseKubeconfig(text, baseDir);
  const tooLarge = sizeProblem(text, KUBECONFIG_LIMITS);
  if (tooLarge !== undefined) throw tooLargeError(tooLarge);
  const deepAt = await tooDeepAtSliced(text, KUBECONFIG_LIMITS);
  if (deepAt !== undefined) throw tooDeepError(deepAt.line, KUBECONFIG_LIMITS);
  return inWorker(text, baseDir);
}

function inWorker(text: string, baseDir: string | undefined): Promise<ParsedKubeconfig> {
  const { url, execArgv } = workerSource();
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { execArgv, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    let settled = false;
    const settle = (work: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      work();
    };
    worker.once('message', (answer: Answer) =>
      settle(() => (answer.ok ? resolve(answer.parsed) : reject(new KubeconfigParseError(answer.problem)))),
    );
    worker.once('error', (error: NodeJS.ErrnoException) =>
      settle(() => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new KubeconfigParseError('too complex to read (it needs too much memory)'));
          return;
        }
        // The worker could not start (a build without its file): the limits still bound the work on this thread.
        try {
          resolve(parseKubeconfig(text, baseDir));
        } catch (parseError) {
          reject(parseError instanceof Error ? parseError : new KubeconfigParseError('cannot be parsed'));
        }
      }),
    );
    worker.once('exit', () => settle(() => reject(new KubeconfigParseError('cannot be parsed'))));
    worker.postMessage({ text, baseDir });
  });
}
