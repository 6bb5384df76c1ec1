import type { Migration } from './migration.js';

// Reserved for the anpr-and-white-list feature, which fills it in. Until it ships, it creates
// nothing (so the numbering stays contiguous while features land in any order).
export const anprAndWhiteList: Migration = {
  version: 7,
  name: 'anpr-and-white-list',
  up() {},
};
