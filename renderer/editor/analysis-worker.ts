// The editor's checks off the main thread: a 10 MB file with thousands of documents must not freeze the window.
import { analyze } from './analyze';
import { summarize } from './analysis-summary';
import type { Format } from './convert';
import type { SchemaSet } from './schema/types';

interface Request {
  id: number;
  text: string;
  format: Format;
  schemas?: SchemaSet | null;
}

let schemas: SchemaSet | undefined;

self.onmessage = (event: MessageEvent<Request>) => {
  const { id, text, format } = event.data;
  if (event.data.schemas !== undefined) schemas = event.data.schemas ?? undefined;
  try {
    self.postMessage({ id, ok: true, summary: summarize(analyze(text, schemas, format)) });
  } catch (error) {
    self.postMessage({ id, ok: false, message: String(error) });
  }
};
