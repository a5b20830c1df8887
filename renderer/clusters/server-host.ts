/**
 * The host (and port) of a context's server URL, for the context switcher: never the user info a URL may carry
 * (`https://user:password@host`), nor its path. Empty when the server is not a URL (a context naming a missing
 * cluster has none).
 */
export function serverHost(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return '';
  }
}
