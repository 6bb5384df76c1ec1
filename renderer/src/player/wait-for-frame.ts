/**
 * Resolves when the <video> paints a frame whose media time satisfies
 * `accept` (requestVideoFrameCallback: the frame is on screen, not merely
 * decoded or seeked), or rejects after `timeoutMs`. The callback is cancelled
 * on timeout so nothing is left registered.
 */
export function waitForPaintedFrame(
  video: HTMLVideoElement,
  accept: (mediaTime: number) => boolean,
  timeoutMs = 6_000,
): Promise<{ mediaTime: number; presentedFrames: number }> {
  return new Promise((resolve, reject) => {
    let handle = 0;
    const timer = window.setTimeout(() => {
      video.cancelVideoFrameCallback(handle);
      reject(new Error('the picture did not update (the footage may be missing or still loading)'));
    }, timeoutMs);
    const onFrame: VideoFrameRequestCallback = (_now, meta) => {
      if (accept(meta.mediaTime)) {
        window.clearTimeout(timer);
        resolve({ mediaTime: meta.mediaTime, presentedFrames: meta.presentedFrames });
      } else {
        handle = video.requestVideoFrameCallback(onFrame);
      }
    };
    handle = video.requestVideoFrameCallback(onFrame);
  });
}
