/**
 * The media bench's core: tests/support/estate-bench-core.ts (a core with the
 * media feature in a process of its own), plus one command on stdin so the
 * bench can charge the recorder with the CPU its segment indexing costs IN
 * the core's process (SHA-256 and fMP4 box reading, no child process to see
 * in /proc):
 *
 *   stdin  "cpu\n"  →  stdout {"indexing":{segments,cpuUs,ffprobeFallbacks}}
 *
 * Same arguments and stop protocol as estate-bench-core.ts (stdin closing
 * stops the core).
 */
import { createInterface } from 'node:readline';
import { processIndexingCpu } from '../../../main/media/segment-indexer.js';

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'cpu') process.stdout.write(`${JSON.stringify({ indexing: processIndexingCpu() })}\n`);
});
await import('../../support/estate-bench-core.js');
