import type { Migration } from './migration.js';

// Reserved for the pcns feature, which fills it in. Until it ships, it creates
// nothing (so the numbering stays contiguous while features land in any order).
export const pcns: Migration = {
  version: 9,
  name: 'pcns',
  up() {},
};
