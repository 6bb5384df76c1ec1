/**
 * Splits a byte stream into text lines. ffmpeg ends progress lines with '\n'
 * and status lines with '\r', so both count as line ends. Lines longer than
 * maxLineLength are cut, so a child writing without newlines cannot grow
 * memory without bound.
 */
export class LineSplitter {
  private buffer = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineLength = 16_384,
  ) {}

  push(chunk: Buffer | Uint8Array | string): void {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (i > start) this.onLine(this.buffer.slice(start, i));
        start = i + 1;
      }
    }
    this.buffer = this.buffer.slice(start);
    while (this.buffer.length > this.maxLineLength) {
      this.onLine(this.buffer.slice(0, this.maxLineLength));
      this.buffer = this.buffer.slice(this.maxLineLength);
    }
  }

  /** Emits whatever is left (a last line without a newline). */
  end(): void {
    this.buffer += this.decoder.decode();
    if (this.buffer.length > 0) this.onLine(this.buffer);
    this.buffer = '';
  }
}
