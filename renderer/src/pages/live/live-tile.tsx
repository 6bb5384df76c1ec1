import { useEffect, useRef, useState } from 'react';
import type { RecorderStatus } from '../../../../main/api/contract';
import { tokenStore } from '../../api/token-store';
import { formatDelay, LIVE_DELAY_GOAL_MS, liveDelayMs } from '../../player/live-delay';
import { useHls } from '../../player/use-hls';

const recorderWords: Record<RecorderStatus['state'], string> = {
  starting: 'starting',
  recording: 'recording',
  reconnecting: 'reconnecting',
  stopped: 'stopped',
  failed: 'failed',
  'not-configured': 'not configured',
};

/** One live camera: the picture, its recorder state and how far behind the camera it is. */
export function LiveTile({ recorder, label }: { recorder: RecorderStatus; label: string }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const hls = useHls(videoRef, recorder.livePlaylist, { token: tokenStore.get(), live: true });
  const [delay, setDelay] = useState<number | null>(null);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const date = hls.current()?.playingDate ?? null;
      setDelay(liveDelayMs(Date.now(), date ? date.getTime() : null));
    }, 500);
    return () => window.clearInterval(timer);
  }, [hls]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    // Live pictures start muted (no audio is recorded) and by themselves.
    const start = () => void video.play().catch(() => undefined);
    video.addEventListener('canplay', start);
    return () => video.removeEventListener('canplay', start);
  }, []);

  const tone = delay === null ? 'unknown' : delay <= LIVE_DELAY_GOAL_MS ? 'ok' : 'late';
  return (
    <figure className="live-tile" aria-label={`${label}, live`}>
      <video ref={videoRef} className="live-tile__video" muted playsInline autoPlay disablePictureInPicture data-camera-id={recorder.cameraId} />
      <figcaption className="live-tile__bar">
        <span>
          {label} · <span className="muted">{recorderWords[recorder.state]}</span>
        </span>
        <span className={`live-tile__delay live-tile__delay--${tone}`} data-testid="live-delay" data-delay-ms={delay ?? ''} role="status" aria-label={`${label}: ${formatDelay(delay)}`}>
          {formatDelay(delay)}
        </span>
      </figcaption>
      {hls.problem || recorder.message ? <div className="live-tile__message" role="alert">{hls.problem?.message ?? recorder.message}</div> : null}
    </figure>
  );
}
