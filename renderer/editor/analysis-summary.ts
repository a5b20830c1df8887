import type { Analysis } from './analyze';
import type { Diagnostic } from './diagnostic';

/** What the UI needs from an analysis; plain data, so it can come back from the worker. */
export interface DocumentSummary {
  index: number;
  from: number;
  to: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface AnalysisSummary {
  diagnostics: Diagnostic[];
  documents: DocumentSummary[];
}

export function summarize(analysis: Analysis): AnalysisSummary {
  return {
    diagnostics: analysis.diagnostics,
    documents: analysis.documents.map(({ index, from, to, apiVersion, kind, name, namespace }) => ({
      index,
      from,
      to,
      ...(apiVersion !== undefined ? { apiVersion } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
    })),
  };
}
