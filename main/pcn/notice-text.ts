/**
 * The words on the notices, in plain English, with Welsh headings beside the
 * English ones when the Welsh option is chosen (Welsh Language Standards for
 * councils in Wales; bilingual at least in the headings).
 *
 * REVIEW (Welsh): every Welsh string below is a draft and must be checked by
 * a Welsh speaker before it is printed on a notice sent to the public.
 */
export type NoticeLang = 'en' | 'cy';

export interface Heading {
  en: string;
  cy: string;
}

export const HEADINGS = {
  pcn: { en: 'Penalty Charge Notice', cy: 'Hysbysiad Tâl Cosb' },
  warning: { en: 'Warning Notice', cy: 'Hysbysiad Rhybudd' },
  details: { en: 'The contravention', cy: 'Y tramgwydd' },
  charge: { en: 'The penalty charge', cy: 'Y tâl cosb' },
  dates: { en: 'Important dates', cy: 'Dyddiadau pwysig' },
  evidence: { en: 'Pictures from the camera', cy: 'Lluniau o’r camera' },
  pay: { en: 'How to pay', cy: 'Sut i dalu' },
  reps: { en: 'How to challenge this notice (representations)', cy: 'Sut i herio’r hysbysiad hwn (sylwadau)' },
  footage: { en: 'See the recording', cy: 'Gweld y recordiad' },
  next: { en: 'What happens next', cy: 'Beth sy’n digwydd nesaf' },
} satisfies Record<string, Heading>;

export function heading(h: Heading, lang: NoticeLang): string {
  return lang === 'cy' ? `${h.en} / ${h.cy}` : h.en;
}

/** Statutory grounds for representations against a camera PCN (DOMAIN §7; SI 2022/576). */
export const REPRESENTATION_GROUNDS: readonly string[] = [
  'the contravention did not occur;',
  'you were not the owner of the vehicle at the time (never owned it, sold it before, or bought it after);',
  'the vehicle had been taken without your consent;',
  'you are a vehicle-hire firm and the vehicle was on hire under a qualifying agreement;',
  'the penalty charge exceeded the amount applicable;',
  'there has been a procedural impropriety by the council;',
  'the traffic order is invalid;',
  'the penalty charge has already been paid.',
];
