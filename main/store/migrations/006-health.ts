import type { Migration } from './migration.js';

// Reserved for the health feature, which fills it in. Until it ships, it creates
// nothing (so the numbering stays contiguous while features land in any order).
export const health: Migration = {
  version: 6,
  name: 'health',
  up() {},
};
