import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Defect photos, stored by SHA-256 under <dataDir>/health/photos/ab/abcd….
 * Content addressing makes a re-upload free and lets anyone check a photo
 * against the hash recorded with the defect.
 */
export const PHOTO_TYPES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

export class PhotoStore {
  constructor(private readonly root: string) {}

  put(bytes: Buffer): string {
    const sha = createHash('sha256').update(bytes).digest('hex');
    const file = this.pathOf(sha);
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    }
    return sha;
  }

  get(sha: string): Buffer | undefined {
    if (!/^[0-9a-f]{64}$/.test(sha)) return undefined;
    const file = this.pathOf(sha);
    return existsSync(file) ? readFileSync(file) : undefined;
  }

  private pathOf(sha: string): string {
    return path.join(this.root, sha.slice(0, 2), sha);
  }
}
