import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { TerminalSize } from '../../contract/index.js';

/**
 * The exec's stdout as client-node sees a terminal: `columns`, `rows` and a 'resize' event make its Exec send the
 * size on the resize channel (first at connect, then on each change). Bytes are decoded as UTF-8 across chunks, so
 * a character split between two frames reaches the terminal whole.
 */
export class TerminalOutput extends Writable {
  columns: number;
  rows: number;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    size: TerminalSize,
    private readonly onText: (text: string) => void,
  ) {
    super();
    this.columns = size.cols;
    this.rows = size.rows;
  }

  resize(size: TerminalSize): void {
    if (size.cols === this.columns && size.rows === this.rows) return;
    this.columns = size.cols;
    this.rows = size.rows;
    this.emit('resize');
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const text = this.decoder.write(chunk);
    if (text !== '') this.onText(text);
    done();
  }
}
