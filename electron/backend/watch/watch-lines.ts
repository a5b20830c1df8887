const NEWLINE = 0x0a;

/**
 * Splits a watch stream into its newline-delimited JSON events. Chunks may end anywhere, even inside a multi-byte
 * character, so lines are cut on bytes and decoded only once complete.
 */
export class WatchLineReader {
  private pending: Buffer[] = [];

  constructor(private readonly each: (event: unknown) => void) {}

  /** Hands every event completed by `chunk` to `each`; throws on a line that is not JSON. */
  push(chunk: Buffer): void {
    let start = 0;
    let end = chunk.indexOf(NEWLINE, start);
    while (end !== -1) {
      const piece = chunk.subarray(start, end);
      const line = this.pending.length === 0 ? piece : Buffer.concat([...this.pending, piece]);
      this.pending = [];
      this.parse(line);
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** The stream ended: a last event without its newline still counts. */
  end(): void {
    const line = Buffer.concat(this.pending);
    this.pending = [];
    this.parse(line);
  }

  private parse(line: Buffer): void {
    const text = line.toString('utf8').trim();
    if (text === '') return;
    this.each(JSON.parse(text) as unknown);
  }
}
