// The baseline of the player benchmark: the same playlist in a bare hls.js
// page, seeking by currentTime and timing to the painted frame (rVFC).
/* global Hls, document, location, window */
const video = document.getElementById('v');
const params = new URLSearchParams(location.search);
const fps = 25;
const hls = new Hls({ maxBufferLength: 20, backBufferLength: 30, xhrSetup: (xhr) => xhr.setRequestHeader('Authorization', `Bearer ${params.get('token')}`) });
hls.loadSource(params.get('src'));
hls.attachMedia(video);
window.benchReady = new Promise((resolve) => hls.on(Hls.Events.LEVEL_LOADED, (_e, d) => resolve(d.details.totalduration)));
let lastPainted = 0;
const painted = (accept) => new Promise((resolve) => {
  const on = (_n, m) => {
    if (!accept(m.mediaTime)) return video.requestVideoFrameCallback(on);
    lastPainted = m.mediaTime;
    resolve(m.mediaTime);
  };
  video.requestVideoFrameCallback(on);
});
// `t` is the middle of a frame's interval (as the player seeks); the frame painted starts half a frame earlier.
window.benchSeek = async (t) => {
  const t0 = performance.now();
  const p = painted((m) => Math.abs(m - t) < 1 / fps);
  video.currentTime = t;
  await p;
  return performance.now() - t0;
};
window.benchStep = async () => {
  const t0 = performance.now();
  const target = (Math.round(lastPainted * fps) + 1.5) / fps;
  const p = painted((m) => Math.abs(m - target) < 0.5 / fps + 1e-3);
  video.currentTime = target;
  await p;
  return performance.now() - t0;
};
