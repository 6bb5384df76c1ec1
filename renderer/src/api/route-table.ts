import type { RouteName } from '../../../main/api/contract';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Method and path of every route in the contract.
 *
 * The renderer may import only *types* from main/ (no server code in the
 * browser bundle), so it keeps this small copy. `satisfies` ties it to the
 * contract: a route added there and missing here, or a stray name here, fails
 * the type check (excess-property check on the literal). The e2e test compares the paths with the server's table.
 */
export const routeTable = {
  health: ['GET', '/api/health'],
  setupStatus: ['GET', '/api/setup'],
  createFirstAdministrator: ['POST', '/api/setup/administrator'],
  login: ['POST', '/api/auth/login'],
  logout: ['POST', '/api/auth/logout'],
  me: ['GET', '/api/auth/me'],
  changePassword: ['POST', '/api/auth/password'],
  listUsers: ['GET', '/api/users'],
  createUser: ['POST', '/api/users'],
  updateUser: ['PATCH', '/api/users/:id'],
  searchAudit: ['GET', '/api/audit'],
  verifyAudit: ['GET', '/api/audit/verify'],
  listRecorders: ['GET', '/api/media/recorders'],
  getRecorder: ['GET', '/api/media/recorders/:cameraId'],
  getTimeline: ['GET', '/api/media/timeline'],
  getFrameAt: ['GET', '/api/media/frame'],
  listLocks: ['GET', '/api/media/locks'],
  createLock: ['POST', '/api/media/locks'],
  releaseLock: ['POST', '/api/media/locks/:id/release'],
  runRetentionSweep: ['POST', '/api/media/retention/sweep'],
  listDeletions: ['GET', '/api/media/deletions'],
  getStorage: ['GET', '/api/media/storage'],
  createExport: ['POST', '/api/media/exports'],
  getExport: ['GET', '/api/media/exports/:jobId'],
  listExports: ['GET', '/api/media/exports'],
} as const satisfies Record<RouteName, readonly [HttpMethod, string]>;

