/**
 * ANPR pictures stored by content: <dataDir>/anpr-images/<sha256[0:2]>/<sha256>.jpg.
 * Written to a temporary name, fsynced, then renamed, all BEFORE the read's
 * database commit, so an acknowledged read never points at a missing or
 * half-written file. The same picture sent twice is stored once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export class ImageStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.jpg`);
  }

  async put(data: Buffer): Promise<{ sha256: string; bytes: number }> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const file = this.pathOf(sha256);
    try {
      await access(file, constants.F_OK);
      return { sha256, bytes: data.length };
    } catch {
      // not there yet
    }
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    // The rename is durable only once the directory entry is.
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
    return { sha256, bytes: data.length };
  }
}
