import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations/index.js';
import { reviewDecisions } from '../../../main/store/migrations/011-review-decisions.js';

describe('migration 011 review decisions', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  const event = Number(
    db
      .prepare(`INSERT INTO events (camera_id, vrm, origin, first_seen_at, last_seen_at, clip_start, clip_end, status, created_by, created_at, updated_at)
        VALUES (1, 'AB12CDE', 'manual', 10, 10, 5, 20, 'queued', 't', 1, 1)`)
      .run().lastInsertRowid,
  );
  const insert = db.prepare(`INSERT INTO review_decisions (event_id, outcome, code, reason, reason_text, vrm, officer_name, decided_at, seconds)
    VALUES (?, ?, ?, ?, ?, 'AB12CDE', 'officer', 100, ?)`);

  it('is the last migration, numbered 11', () => {
    expect(reviewDecisions.version).toBe(11);
    expect(migrations.at(-1)).toBe(reviewDecisions);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('requires a code for a contravention and a reason for a rejection, and words for "other"', () => {
    expect(() => insert.run(event, 'contravention', null, null, '', 3)).toThrow(/CHECK/);
    expect(() => insert.run(event, 'reject', null, null, '', 3)).toThrow(/CHECK/);
    expect(() => insert.run(event, 'reject', null, 'other', '', 3)).toThrow(/CHECK/);
    expect(() => insert.run(event, 'refer', '34J', null, '', 3)).toThrow(/CHECK/);
    expect(() => insert.run(event, 'reject', null, 'duplicate', '', -1)).toThrow(/CHECK/);
    expect(() => insert.run(event, 'reject', null, 'duplicate', '', 'slow')).toThrow(/cannot store TEXT/);
    insert.run(event, 'reject', null, 'other', 'broke down', 3.5);
    insert.run(event, 'contravention', '34J', null, '', 12);
  });

  it('keeps decisions append-only and tied to an event', () => {
    expect(() => db.prepare('UPDATE review_decisions SET seconds = 0').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM review_decisions').run()).toThrow(/append-only/);
    expect(() => insert.run(9999, 'reject', null, 'duplicate', '', 1)).toThrow(/FOREIGN KEY/);
  });

  it('allows one open referral per event', () => {
    const ref = db.prepare("INSERT INTO review_referrals (event_id, referred_by, referred_at, note) VALUES (?, 'officer', 1, 'check')");
    ref.run(event);
    expect(() => ref.run(event)).toThrow(/UNIQUE/);
    db.prepare('UPDATE review_referrals SET resolved_at = 2, resolved_by = ? WHERE event_id = ?').run('supervisor', event);
    ref.run(event);
  });
});
