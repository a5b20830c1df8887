/** A terminal's size in character cells, as xterm measures it and the exec resize channel sends it. */
export interface TerminalSize {
  cols: number;
  rows: number;
}

/**
 * How a shell ended: the program exited (with its code), the pod went away, the connection dropped, the user's
 * credentials stopped being accepted, or the app ended it (its panel closed, the context changed).
 */
export type ExecEnd =
  | { reason: 'exited'; code: number }
  | { reason: 'pod-deleted' }
  | { reason: 'connection-lost'; message: string }
  | { reason: 'credentials-expired'; message: string }
  | { reason: 'closed'; message: string };

/** One delta of an `exec` stream: terminal output (stdout and stderr as one tty), and on the last one how it ended. */
export interface ExecChunk {
  output: string;
  end?: ExecEnd;
}

/** Whether the user may open a shell in a namespace's pods: both verbs the API server asks for a WebSocket exec. */
export interface ExecAccess {
  allowed: boolean;
  /** When refused: the verbs missing on `pods/exec` (the message names them). */
  missing: ('create' | 'get')[];
}
