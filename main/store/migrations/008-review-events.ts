import type { Migration } from './migration.js';

// Reserved for the review-events feature, which fills it in. Until it ships, it creates
// nothing (so the numbering stays contiguous while features land in any order).
export const reviewEvents: Migration = {
  version: 8,
  name: 'review-events',
  up() {},
};
