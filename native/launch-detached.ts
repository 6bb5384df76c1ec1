import { spawn } from 'node:child_process';

/**
 * Starts a desktop program the user will look at and close themselves
 * (Chromium showing the UI, the Electron app) and hands back a way to wait
 * for it. Output is inherited so the user sees its messages.
 */
export function launchApp(command: string, args: readonly string[], opts: { env?: NodeJS.ProcessEnv } = {}): { pid: number | undefined; exited: Promise<number | null>; stop: () => void } {
  const child = spawn(command, args, { stdio: 'inherit', env: opts.env ?? process.env });
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });
  return {
    pid: child.pid,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
