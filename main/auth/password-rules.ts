/**
 * Password rules, following NCSC password guidance: length over complexity,
 * no forced composition rules, and a refusal of the obvious.
 * Returns the list of problems, empty when the password is acceptable.
 */
export const minimumPasswordLength = 12;

const obvious = new Set(['password1234', 'passwordpassword', '123456789012', 'qwertyuiopas', 'letmeinletmein', 'administrator', 'enforcement1']);

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < minimumPasswordLength) problems.push(`must be at least ${minimumPasswordLength} characters`);
  if (password.length > 256) problems.push('must be at most 256 characters');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the username');
  if (obvious.has(password.toLowerCase())) problems.push('is too common');
  if (/^(.)\1+$/.test(password)) problems.push('must not be one repeated character');
  return problems;
}
