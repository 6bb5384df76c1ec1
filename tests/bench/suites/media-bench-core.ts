/**
 * The media bench's core: tests/support/estate-bench-core.ts (a core with the
 * media feature in a process of its own), plus one command on stdin so the
 * bench can charge the recorder with the CPU its segment indexing costs IN
 * the core's process (SHA-256 and fMP4 box reading, no child process to see
 * in /proc):
 *
 *   stdin  "cpu\n"  →  stdout {"indexing":{segments,cpuUs,ffprobeFallbacks}}
 *   stdin  "cameras [{id,name,url}…]\n"  →  those cameras are added (recording starts)
 *
 * Cameras can be added after start so the bench can start its baseline
 * ffmpegs and the recorders at the same moment, on a quiet machine, rather
 * than while the core is still starting up.
 *
 * Same arguments and stop protocol as estate-bench-core.ts (stdin closing
 * stops the core).
 */
import { createInterface } from 'node:readline';
import { processIndexingCpu } from '../../../main/media/segment-indexer.js';

const core = await import('../../support/estate-bench-core.js');
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'cpu') process.stdout.write(`${JSON.stringify({ indexing: processIndexingCpu() })}\n`);
  else if (line.startsWith('cameras ')) {
    for (const c of JSON.parse(line.slice(8)) as Array<{ id: number; name: string; url: string }>) core.cams.set(c.id, { name: c.name, url: c.url });
  }
});
