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
  searchAudit: ['GET', '/api/audit'],
  verifyAudit: ['GET', '/api/audit/verify'],
  setupStatus: ['GET', '/api/setup'],
  createFirstAdministrator: ['POST', '/api/setup/administrator'],
  login: ['POST', '/api/auth/login'],
  logout: ['POST', '/api/auth/logout'],
  me: ['GET', '/api/auth/me'],
  changePassword: ['POST', '/api/auth/password'],
  listUsers: ['GET', '/api/users'],
  createUser: ['POST', '/api/users'],
  updateUser: ['PATCH', '/api/users/:id'],
  discoverCameras: ['POST', '/api/cameras/discover'],
  probeCamera: ['POST', '/api/cameras/probe'],
  listCameras: ['GET', '/api/cameras'],
  getCamera: ['GET', '/api/cameras/:id'],
  addCamera: ['POST', '/api/cameras'],
  updateCamera: ['PATCH', '/api/cameras/:id'],
  retireCamera: ['POST', '/api/cameras/:id/retire'],
  addCameraCertificate: ['POST', '/api/cameras/:id/certificates'],
  rotateCameraAnprKey: ['POST', '/api/cameras/:id/anpr-key'],
  refreshCamera: ['POST', '/api/cameras/:id/refresh'],
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
  listReads: ['GET', '/api/anpr/reads'],
  getRead: ['GET', '/api/anpr/reads/:id'],
  listWhiteList: ['GET', '/api/white-list'],
  addWhiteListEntry: ['POST', '/api/white-list'],
  updateWhiteListEntry: ['PUT', '/api/white-list/:id'],
  removeWhiteListEntry: ['POST', '/api/white-list/:id/remove'],
  reviewWhiteListEntry: ['POST', '/api/white-list/:id/review'],
  importWhiteList: ['POST', '/api/white-list/import'],
  exportWhiteList: ['GET', '/api/white-list/export'],
  whiteListExpiring: ['GET', '/api/white-list/expiring'],
  checkWhiteList: ['GET', '/api/white-list/check'],
  listRestrictions: ['GET', '/api/restrictions'],
  getRestriction: ['GET', '/api/restrictions/:id'],
  createRestriction: ['POST', '/api/restrictions'],
  updateRestriction: ['PUT', '/api/restrictions/:id'],
  removeRestriction: ['DELETE', '/api/restrictions/:id'],
  checkSchedule: ['POST', '/api/restrictions/check-schedule'],
  listCandidateEvents: ['GET', '/api/events'],
  getCandidateEvent: ['GET', '/api/events/:id'],
  createManualEvent: ['POST', '/api/events'],
} as const satisfies Record<RouteName, readonly [HttpMethod, string]>;
