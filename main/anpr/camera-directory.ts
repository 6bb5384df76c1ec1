/**
 * How the anpr feature knows cameras: the cameras feature's service (its
 * numeric ids, site codes and ANPR keys). Senders name a camera by its
 * numeric id or its site code ("CAM-BG-01"); both resolve here.
 */
import type { CameraService } from '../cameras/camera-service.js';

export interface CameraDirectory {
  /** The camera a sender means, by numeric id or site code; undefined if unknown or retired. */
  resolve(ref: string): number | undefined;
  exists(id: number): boolean;
  /** Constant-time key check (the cameras feature does it). */
  verifyKey(id: number, key: string): boolean;
}

export function cameraDirectoryFrom(service: CameraService): CameraDirectory & { dispose(): void } {
  let bySite: Map<string, number> | null = null;
  let ids: Set<number> | null = null;
  const load = () => {
    const list = service.list();
    bySite = new Map(list.filter((c) => c.siteCode).map((c) => [c.siteCode!.toUpperCase(), c.id]));
    ids = new Set(list.filter((c) => c.status === 'active').map((c) => c.id));
  };
  const unsubscribe = service.onChange(() => {
    bySite = null;
    ids = null;
  });
  return {
    resolve(ref) {
      if (!bySite || !ids) load();
      const t = ref.trim();
      const id = /^\d{1,9}$/.test(t) ? Number(t) : bySite!.get(t.toUpperCase());
      return id !== undefined && ids!.has(id) ? id : undefined;
    },
    exists(id) {
      if (!ids) load();
      return ids!.has(id);
    },
    verifyKey: (id, key) => service.verifyAnprKey(id, key),
    dispose: unsubscribe,
  };
}
