/** Raw media paths (contract: mediaRawPaths), filled in for the client. Kept here as the renderer may import only types from main/. */
export function playbackPath(cameraId: number, fromMs: number, toMs: number): string {
  return `/media/playback/${cameraId}.m3u8?from=${Math.floor(fromMs)}&to=${Math.ceil(toMs)}`;
}

export function livePath(cameraId: number): string {
  return `/media/live/${cameraId}/index.m3u8`;
}

/** A download link for an export file: a plain <a> cannot send headers, so the token rides in the query. */
export function withAccessToken(url: string, token: string | null): string {
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}
