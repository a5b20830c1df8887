import { analyzeCached } from './analyze';
import { summarize, type AnalysisSummary } from './analysis-summary';
import type { Format } from './convert';
import type { SchemaSet } from './schema/types';

type Reply = { id: number; ok: true; summary: AnalysisSummary } | { id: number; ok: false; message: string };

let worker: Worker | null | undefined;
let sentSchemas: SchemaSet | undefined | null = null;
let nextId = 0;
const waiting = new Map<number, (reply: Reply) => void>();

// A module worker where the page may start one (the browser host); where it may not (a file:// page), checks run
// on the main thread as before.
function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
    worker.onerror = () => {
      worker?.terminate();
      worker = null;
      for (const [id, resolve] of waiting) resolve({ id, ok: false, message: 'worker failed' });
      waiting.clear();
    };
  } catch {
    worker = null;
  }
  return worker;
}

/** Analyzes the text off the main thread when possible; the answer is the same as analyze's. */
export function analyzeAsync(text: string, schemas: SchemaSet | undefined, format: Format): Promise<AnalysisSummary> {
  const target = typeof Worker === 'undefined' ? null : getWorker();
  if (!target) return Promise.resolve(summarize(analyzeCached(text, schemas, format)));
  const id = ++nextId;
  const message: { id: number; text: string; format: Format; schemas?: SchemaSet | null } = { id, text, format };
  if (sentSchemas !== schemas) {
    message.schemas = schemas ?? null;
    sentSchemas = schemas;
  }
  return new Promise((resolve) => {
    waiting.set(id, (reply) => resolve(reply.ok ? reply.summary : summarize(analyzeCached(text, schemas, format))));
    target.postMessage(message);
  });
}
