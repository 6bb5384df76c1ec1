import type Database from 'better-sqlite3';

/** One numbered, forward-only schema change. Never edit a migration that has shipped: add a new one. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
