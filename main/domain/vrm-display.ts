import { classifyVrm } from './vrm-format.js';
import { normaliseVrm } from './vrm-normalise.js';

/**
 * A mark as printed on a plate: the groups separated by one space
 * ("AB12CDE" → "AB12 CDE", "123D456" → "123 D 456"). Unknown shapes are
 * returned normalised, unchanged otherwise.
 */
export function formatVrmForDisplay(input: string): string {
  const vrm = normaliseVrm(input);
  switch (classifyVrm(vrm)) {
    case 'current':
      return `${vrm.slice(0, 4)} ${vrm.slice(4)}`;
    case 'diplomatic':
      return `${vrm.slice(0, 3)} ${vrm[3]} ${vrm.slice(4)}`;
    case 'prefix':
    case 'q-plate':
      // Letter(s) and digits together, then the letter group: "A123 BCD", "Q123 AB".
      return vrm.replace(/^([A-Z]\d+)([A-Z]+)$/, '$1 $2');
    case 'suffix':
      return `${vrm.slice(0, 3)} ${vrm.slice(3)}`;
    case 'dateless':
    case 'northern-ireland':
      return vrm.replace(/^([A-Z]+)(\d+)$|^(\d+)([A-Z]+)$/, (_m, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`));
    default:
      return vrm;
  }
}
