// The pure argument builders: no I/O, no spawning. See each file for why the
// options are what they are.
export type { FfmpegInvocation } from './invocation.js';
export { isRtspUrl, rtspInputArgs, type RtspInputOptions } from './rtsp-input.js';
export { buildRecorderArgs, type RecorderOptions } from './recorder.js';
export { buildConcatList, quoteConcatPath, snapToKeyframe, type ConcatEntry } from './concat-list.js';
export { buildClipOriginalArgs, type ClipOriginalOptions } from './clip-original.js';
export { buildClipPresentationArgs, type ClipPresentationOptions } from './clip-presentation.js';
export {
  buildFilter,
  escapeDrawtextFunctionArg,
  escapeDrawtextLiteral,
  escapeFiltergraphArgs,
  quoteFilterOptionValue,
  sanitiseOverlayText,
} from './drawtext-escape.js';
export { buildStillArgs, type StillAt, type StillOptions } from './still.js';
export type { MediaInput } from './media-input.js';
export {
  buildCountFramesArgs,
  buildKeyframeIndexArgs,
  buildProbeArgs,
  buildProbeFramesArgs,
} from './ffprobe-args.js';
export {
  buildDetectArgs,
  buildFrameSampleArgs,
  frameSampleBytes,
  type DetectOptions,
  type FrameSampleOptions,
  type SamplerSource,
} from './picture-sampler.js';
export { parseDetectLine, summariseDetect, type DetectEvent, type DetectSummary } from './detect-parse.js';
export { zoneOffsetSeconds, zoneSpans, type ZoneSpan } from './zone-offset.js';
export { formatSeconds } from './validate.js';
