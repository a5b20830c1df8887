/**
 * The HTTP status of a refused WebSocket upgrade: ws rejects it with "Unexpected server response: 403" and drops the
 * body, so the status is all there is to say what went wrong (a shell's or a forward's open).
 */
export function upgradeStatus(error: unknown): number | undefined {
  const status = /Unexpected server response: (\d{3})/.exec(error instanceof Error ? error.message : '')?.[1];
  return status === undefined ? undefined : Number(status);
}

/** What a 401 on a shell or forward means to the user: the credentials stopped being accepted. */
export function credentialsExpired(context: string): string {
  return (
    `The cluster of context "${context}" no longer accepts your credentials (HTTP 401): they may have expired. ` +
    'Sign in again, then reconnect.'
  );
}
