import type { Migration } from './migration.js';

// Reserved for the evidence feature, which fills it in. Until it ships, it creates
// nothing (so the numbering stays contiguous while features land in any order).
export const evidence: Migration = {
  version: 10,
  name: 'evidence',
  up() {},
};
