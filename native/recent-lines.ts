/**
 * The last N lines a child wrote to stderr, kept so a failure message can
 * quote what ffmpeg said just before it gave up.
 */
export class RecentLines {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 20) {}

  push(line: string): void {
    this.lines.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  toArray(): string[] {
    return [...this.lines];
  }
}
