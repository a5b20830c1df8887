// Port-forward (issue 16): a local port on 127.0.0.1 tunnelled to a container port of a pod, through the backend.

/** Whether the user may forward ports of a namespace's pods: both verbs the API server asks for a WebSocket forward. */
export interface ForwardAccess {
  allowed: boolean;
  /** When refused: the verbs missing on `pods/portforward` (the message names them). */
  missing: ('create' | 'get')[];
}

/**
 * How a forward ended: the app ended it (its window closed, the context changed, Stop), the pod went away, or the
 * user's credentials stopped being accepted (a token that expired and could not be refreshed).
 */
export type ForwardEnd =
  | { reason: 'closed'; message: string }
  | { reason: 'pod-deleted' }
  | { reason: 'credentials-expired'; message: string };

/** One delta of a `forward` stream: the forward's whole state (small, so every delta is a complete picture). */
export interface ForwardState {
  /** Where it listens: always 127.0.0.1. */
  address: string;
  localPort: number;
  /** Connections open through it now, and all it took so far. */
  open: number;
  connections: number;
  /** Bytes from the local client to the pod, and back. */
  bytesIn: number;
  bytesOut: number;
  /** The last connection's failure as the cluster said it (nothing listens on the port in the pod...). */
  lastError?: string;
  /** Set on the last delta: the listener is closed. */
  end?: ForwardEnd;
}
