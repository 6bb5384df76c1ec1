import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./gst-rtsp-server.py', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * GStreamer's RTSP server (a real, independent RTSP implementation) as a
 * live test camera: 640x360 H.264 at 25 fps, 1 s GOP. start() again after
 * stop() brings "the camera" back on the same port.
 */
export class GstRtspServer {
  private child: ChildProcess | null = null;
  port = 0;

  get url(): string {
    return `rtsp://127.0.0.1:${this.port}/test`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    if (!this.port) this.port = await freePort();
    const child = spawn('/usr/bin/python3', [SCRIPT, String(this.port), '/test'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('GStreamer RTSP server did not start in 15 s')), 15_000);
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`GStreamer RTSP server exited (${code})`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  pid(): number | null {
    return this.child?.pid ?? null;
  }
}
