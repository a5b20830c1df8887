import type { AppErrorDTO, Connection } from '../../electron/contract/dto';

/** What a fleet column shows above its cells, and the one thing the user can do about it. */
export interface ColumnStatus {
  /** A key under `fleet.column`. */
  state: string;
  /** The backend's own explanation (never holds credentials: it is scrubbed there). */
  detail?: string;
  action?: 'connect' | 'retry' | 'consent';
  /** Whether the column has a list to show. */
  live: boolean;
}

/** The status of one column from its context's connection and its stream (synced, or its watch's error). */
export function columnStatus(
  connection: Connection | undefined,
  stream: { synced: boolean; error?: AppErrorDTO } | undefined,
): ColumnStatus {
  if (!connection) return { state: 'not-connected', action: 'connect', live: false };
  const detail = connection.message;
  const withDetail = detail === undefined ? {} : { detail };
  switch (connection.state) {
    case 'connected':
      if (stream?.error) {
        const unreachable = stream.error.code === 'unreachable';
        return {
          state: unreachable ? 'unreachable' : 'error',
          detail: stream.error.message,
          action: 'retry',
          live: false,
        };
      }
      return stream?.synced ? { state: 'connected', live: true } : { state: 'loading', live: false };
    case 'needs-consent':
      return { state: 'needs-consent', ...withDetail, action: 'consent', live: false };
    case 'connecting':
      return { state: 'connecting', live: false };
    case 'not-connected':
      return { state: 'not-connected', ...withDetail, action: 'connect', live: false };
    default:
      // unreachable, not-responding, unauthorized, forbidden, error, needs-confirmation: said in the column.
      return { state: connection.state, ...withDetail, action: 'retry', live: false };
  }
}
