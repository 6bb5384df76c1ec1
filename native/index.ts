// native/: the only part of the app that starts processes. Everything that
// spawns goes through run-once or a SupervisedProcess, owned by a ProcessOwner.
export * from './ffmpeg-args/index.js';
export {
  describeFfmpeg,
  FfmpegNotFoundError,
  findOnPath,
  INSTALL_HINT,
  locateBinary,
  locateFfmpeg,
  MIN_FFMPEG,
  toUnpackedAsarPath,
  type BinarySource,
  type FfmpegReport,
  type FfTool,
  type LocatedBinary,
  type LocatedTools,
  type LocateOptions,
  type ToolReport,
} from './ffmpeg-locate.js';
export {
  clearCapabilitiesCache,
  parseComponentList,
  parseVersionLine,
  probeCapabilities,
  probeVersion,
  type FfmpegCapabilities,
} from './ffmpeg-capabilities.js';
export {
  countFrames,
  keyframeTimes,
  parseFrameRate,
  parseKeyframeCsv,
  parseProbeJson,
  probeFile,
  type FfprobeRunOptions,
  type ProbeResult,
} from './ffprobe.js';
export { runOnce, type RunOnceOptions, type RunOnceResult } from './run-once.js';
export { ProcessRunError, type ProcessRunFailure } from './process-run-error.js';
export { ProgressParser, type FfmpegProgress } from './progress-parser.js';
export {
  SupervisedProcess,
  type ExitInfo,
  type StopMethod,
  type SupervisedProcessOptions,
  type SupervisorState,
} from './supervised-process.js';
export { ProcessOwner } from './process-owner.js';
export type { ChildTracker, TrackedChild } from './child-tracker.js';
export { backoffDelay, resolveBackoff, type BackoffOptions, type ResolvedBackoff } from './backoff.js';
export { killProcessGroup, processGroupAlive } from './kill-process-group.js';
export { LineSplitter } from './line-splitter.js';
export { LogRateLimiter } from './log-rate-limiter.js';
