// The baseline of the player benchmark: the same playlist in a bare hls.js
// page, seeking by currentTime and timing to the painted frame (rVFC).
/* global Hls, document, location, window */
const video = document.getElementById('v');
const params = new URLSearchParams(location.search);
const hls = new Hls({ maxBufferLength: 20, backBufferLength: 30, xhrSetup: (xhr) => xhr.setRequestHeader('Authorization', `Bearer ${params.get('token')}`) });
hls.loadSource(params.get('src'));
hls.attachMedia(video);
window.benchReady = new Promise((resolve) => hls.on(Hls.Events.LEVEL_LOADED, (_e, d) => resolve(d.details.totalduration)));
const painted = (accept) => new Promise((resolve) => {
  const on = (_n, m) => (accept(m.mediaTime) ? resolve(m.mediaTime) : video.requestVideoFrameCallback(on));
  video.requestVideoFrameCallback(on);
});
window.benchSeek = async (t) => {
  const t0 = performance.now();
  const p = painted((m) => Math.abs(m - t) < 0.08);
  video.currentTime = t;
  await p;
  return performance.now() - t0;
};
window.benchStep = async () => {
  const t0 = performance.now();
  const target = (Math.round(video.currentTime * 25) + 1.5) / 25;
  const p = painted((m) => Math.abs(m - target) < 0.04);
  video.currentTime = target;
  await p;
  return performance.now() - t0;
};
