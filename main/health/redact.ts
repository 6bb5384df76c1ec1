/**
 * Removes user:password@ from every URL in a message. ffmpeg and ffprobe
 * quote the input URL in their errors, and the recording source carries the
 * camera's credentials: nothing may store or log them.
 */
export function redactCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}
