import type { AppErrorDTO, ConnectionState } from '../../electron/contract/dto';

export interface PageInput {
  clustersLoaded: boolean;
  activeContext: string | null;
  connection: { state: ConnectionState; message?: string };
  /** Reading the context's projects failed: nothing can be listed without one. */
  projectsError: AppErrorDTO | null;
  listError: AppErrorDTO | null;
  synced: boolean;
  total: number;
  shown: number;
}

/** What the list area shows instead of (or as) the table: problems first, then loading, then emptiness. */
export type PageState =
  | { kind: 'table' }
  | { kind: 'info'; title: string; detail?: string; params?: Record<string, string> }
  | {
      kind: 'problem';
      title: string;
      message?: string;
      retry: boolean;
      /** What the button does when it is not a plain retry. */
      action?: 'connect' | 'confirm-plain-http';
    };

const problemTitle: Partial<Record<string, string>> = {
  unreachable: 'state.unreachable',
  unauthorized: 'state.unauthorized',
  forbidden: 'state.forbidden',
};

export function pageState(input: PageInput): PageState {
  if (!input.clustersLoaded) return { kind: 'info', title: 'state.loadingClusters' };
  if (!input.activeContext) return { kind: 'info', title: 'state.noContextTitle', detail: 'state.noContextHint' };
  const conn = input.connection;
  // The dialog asks; behind it the list says why nothing is shown (and that nothing ran).
  if (conn.state === 'needs-consent')
    return { kind: 'info', title: 'consent.waitingTitle', detail: 'consent.waitingHint' };
  if (conn.state === 'needs-confirmation') {
    return {
      kind: 'problem',
      title: 'state.plainHttpTitle',
      message: conn.message,
      retry: true,
      action: 'confirm-plain-http',
    };
  }
  // A context whose credential program waits for the user's choice (the app's own pick at start-up).
  if (conn.state === 'not-connected' && conn.message !== undefined) {
    return { kind: 'problem', title: 'state.waitingForChoice', message: conn.message, retry: true, action: 'connect' };
  }
  if (conn.state === 'not-responding' && !input.synced) {
    return { kind: 'problem', title: 'state.notResponding', message: conn.message, retry: true };
  }
  if (
    conn.state === 'unreachable' ||
    conn.state === 'unauthorized' ||
    conn.state === 'forbidden' ||
    conn.state === 'error'
  ) {
    return { kind: 'problem', title: problemTitle[conn.state] ?? 'state.error', message: conn.message, retry: true };
  }
  const error = input.projectsError ?? input.listError;
  if (error) {
    // A forbidden project is a fact about the user's rights, which retrying does not change.
    return {
      kind: 'problem',
      title: problemTitle[error.code] ?? 'state.error',
      message: error.message,
      retry: error.code !== 'forbidden',
    };
  }
  if (conn.state === 'connecting' && !input.synced) {
    return { kind: 'info', title: 'state.connecting', params: { name: input.activeContext } };
  }
  if (!input.synced) return { kind: 'info', title: 'state.loading' };
  if (input.total === 0) return { kind: 'info', title: 'state.emptyTitle', detail: 'state.emptyHint' };
  if (input.shown === 0) return { kind: 'info', title: 'state.noMatchTitle', detail: 'state.noMatchHint' };
  return { kind: 'table' };
}
