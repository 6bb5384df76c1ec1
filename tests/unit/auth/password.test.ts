import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../main/auth/password-hash.js';
import { passwordProblems } from '../../../main/auth/password-rules.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('refuses a malformed stored hash rather than throwing', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
  });
});

describe('password rules', () => {
  it.each([
    ['short', 'alice', ['must be at least 12 characters']],
    ['alice-is-great-2026', 'alice', ['must not contain the username']],
    ['password1234', 'bob', ['is too common']],
    ['aaaaaaaaaaaaaa', 'bob', ['must not be one repeated character']],
    ['a long memorable passphrase', 'bob', []],
  ])('%s for %s', (password, username, problems) => {
    expect(passwordProblems(password, username)).toEqual(problems);
  });
});
