import type { Migration } from './migration.js';

// Reserved for the cameras feature, which fills it in. Until it ships, it creates
// nothing (so the numbering stays contiguous while features land in any order).
export const cameras: Migration = {
  version: 4,
  name: 'cameras',
  up() {},
};
