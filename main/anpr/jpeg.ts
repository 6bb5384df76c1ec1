/** A JPEG starts with SOI (FF D8) and a marker (FF xx). Enough to refuse text or another format posing as a picture. */
export function isJpeg(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}
