import { createHash } from 'node:crypto';

/**
 * One value kept per TLS material (a CA, a client certificate and key, ...), for the HTTP agents a session's requests
 * go through: the same material gets the kept value back, new material (an exec plugin renewed its client
 * certificate) makes a new one and lets the old one go. Used by the typed client's dispatcher
 * (session-kubeconfig.ts) and the raw requests' agent (watch/raw-request.ts).
 */
export class TlsKeyed<T> {
  private kept: { key: string; value: T } | undefined;

  /** `release` is told when a kept value is replaced or cleared (an agent is closed once its requests end). */
  constructor(private readonly release: (old: T) => void = () => undefined) {}

  /** The value for this material: the kept one, or `make()`'s, kept from now on. */
  get(material: unknown, make: () => T): T {
    // Hashed, so no key or certificate is kept a second time in memory as a string.
    const key = createHash('sha256').update(JSON.stringify(material)).digest('base64');
    if (this.kept?.key === key) return this.kept.value;
    this.clear();
    const value = make();
    this.kept = { key, value };
    return value;
  }

  clear(): void {
    if (this.kept) this.release(this.kept.value);
    this.kept = undefined;
  }
}
