// Mirrors the core's rules (NCSC guidance: length over complexity) so people
// know them before they type; the core remains the judge and its refusal is
// shown beside the field.
export const passwordHint = 'At least 12 characters, not containing the username. Three unrelated words make a strong one.';
