/**
 * Export file names: `<camera-name>_<YYYYMMDDTHHMMSSZ>_<kind>.<ext>`, camera
 * and UTC time first so a folder of exports sorts by camera then time, and
 * nothing in the name depends on the machine's zone or needs quoting on
 * Windows, macOS or a tribunal's upload form.
 */
export function safeCameraName(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'camera';
}

export function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

export function exportFileName(cameraName: string, atMs: number, kind: string, ext: string, taken?: ReadonlySet<string>): string {
  const base = `${safeCameraName(cameraName)}_${utcStamp(atMs)}_${kind}`;
  let name = `${base}.${ext}`;
  // Two stills in the same second: number the later ones.
  for (let n = 2; taken?.has(name); n++) name = `${base}-${n}.${ext}`;
  return name;
}

/** A name a download URL may ask for: exactly what exportFileName makes (no path separators, no dot-dot). */
export const EXPORT_NAME_PATTERN = /^[A-Za-z0-9-]{1,60}_\d{8}T\d{6}Z_[a-z]+(?:-\d+)?\.(?:mp4|png)$/;
