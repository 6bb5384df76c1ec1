import type { Migration } from './migration.js';

// Reserved for the recordings feature, which fills it in. Until it ships, it creates
// nothing (so the numbering stays contiguous while features land in any order).
export const recordings: Migration = {
  version: 5,
  name: 'recordings',
  up() {},
};
