// The kubeconfig parser in a worker thread (see parse-off-thread.ts): answers one { text, baseDir } message with the
// parsed file or the parse problem, then the worker is ended.
import { parentPort } from 'node:worker_threads';
import { KubeconfigParseError, parseKubeconfig } from './parse.js';

parentPort?.once('message', (message: { text: string; baseDir?: string }) => {
  try {
    parentPort?.postMessage({ ok: true, parsed: parseKubeconfig(message.text, message.baseDir) });
  } catch (error) {
    const problem = error instanceof KubeconfigParseError ? error.message : 'cannot be parsed';
    parentPort?.postMessage({ ok: false, problem });
  }
});
