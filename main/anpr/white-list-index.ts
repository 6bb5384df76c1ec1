/**
 * The white list held in memory for the ingest hot path: a Map from
 * normalised VRM to its live entries, kept in step with the table on every
 * change. A lookup is one Map.get; near misses are found by generating the
 * marks one edit (or only confusable characters) away and looking each up,
 * never by scanning the list. Only an exact match exempts (seed 004).
 */
import { compareVrms, confusablesOf, normaliseVrm, oneCharacterDifference } from '../domain/vrm.js';
import type { WhiteListCategory } from '../api/contract/anpr-routes.js';
import { categoryExempts, CATEGORY_LABEL, type RestrictionContext } from './white-list-exemption.js';

export interface IndexedEntry {
  readonly id: number;
  readonly category: WhiteListCategory;
  readonly validFrom: number;
  readonly validTo: number | null;
  /** null: every camera / every restriction type (shared, to keep a million entries small). */
  readonly cameras: readonly number[] | null;
  readonly types: readonly string[] | null;
}

export interface CheckContext {
  atMs: number;
  cameraId: number | null;
  restriction: RestrictionContext | null;
}

export interface Considered {
  entryId: number;
  category: string;
  applies: boolean;
  why: string;
}

export interface NearMissFound {
  vrm: string;
  entryIds: number[];
  category: string;
  how: string;
}

export interface IndexCheck {
  vrm: string;
  exempt: boolean;
  exemptBy: number | null;
  explanation: string;
  considered: Considered[];
  nearMisses: NearMissFound[];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Whether a category exempts under a traffic order depends only on the order's
 * permitted classes; the ingest passes the restriction row's own `permitted`
 * array, so the answer is remembered per array (and dropped with it).
 */
const exemptsUnder = new WeakMap<readonly string[], Map<WhiteListCategory, boolean>>();
function categoryExemptsFast(category: WhiteListCategory, restriction: RestrictionContext | null): boolean {
  if (!restriction) return true;
  let known = exemptsUnder.get(restriction.permitted);
  if (!known) {
    known = new Map();
    exemptsUnder.set(restriction.permitted, known);
  }
  let answer = known.get(category);
  if (answer === undefined) {
    answer = categoryExempts(category, restriction).exempts;
    known.set(category, answer);
  }
  return answer;
}

/** judge(e, ctx).applies, in the same order of tests, with no text built. */
function applies(e: IndexedEntry, ctx: CheckContext): boolean {
  if (ctx.atMs < e.validFrom) return false;
  if (e.validTo !== null && ctx.atMs > e.validTo) return false;
  if (e.cameras && ctx.cameraId !== null && !e.cameras.includes(ctx.cameraId)) return false;
  if (e.types && ctx.restriction && !e.types.includes(ctx.restriction.type)) return false;
  return categoryExemptsFast(e.category, ctx.restriction);
}

export class WhiteListIndex {
  private readonly map = new Map<string, IndexedEntry | IndexedEntry[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.map.clear();
    this.count = 0;
  }

  add(vrm: string, e: IndexedEntry): void {
    const cur = this.map.get(vrm);
    if (cur === undefined) this.map.set(vrm, e);
    else if (Array.isArray(cur)) cur.push(e);
    else this.map.set(vrm, [cur, e]);
    this.count++;
  }

  remove(vrm: string, id: number): void {
    const cur = this.map.get(vrm);
    if (cur === undefined) return;
    if (!Array.isArray(cur)) {
      if (cur.id === id) {
        this.map.delete(vrm);
        this.count--;
      }
      return;
    }
    const next = cur.filter((e) => e.id !== id);
    this.count -= cur.length - next.length;
    if (next.length === 0) this.map.delete(vrm);
    else this.map.set(vrm, next.length === 1 ? next[0]! : next);
  }

  entriesFor(vrm: string): readonly IndexedEntry[] {
    const cur = this.map.get(vrm);
    return cur === undefined ? [] : Array.isArray(cur) ? cur : [cur];
  }

  /** Why one entry does or does not exempt in this context. */
  judge(e: IndexedEntry, ctx: CheckContext): Considered {
    const base = { entryId: e.id, category: e.category };
    if (ctx.atMs < e.validFrom) return { ...base, applies: false, why: `entry #${e.id} is valid only from ${day(e.validFrom)}` };
    if (e.validTo !== null && ctx.atMs > e.validTo) return { ...base, applies: false, why: `entry #${e.id} expired after ${day(e.validTo)}` };
    if (e.cameras && ctx.cameraId !== null && !e.cameras.includes(ctx.cameraId)) {
      return { ...base, applies: false, why: `entry #${e.id} covers cameras ${e.cameras.join(', ')} only, not camera ${ctx.cameraId}` };
    }
    if (e.types && ctx.restriction && !e.types.includes(ctx.restriction.type)) {
      return { ...base, applies: false, why: `entry #${e.id} covers ${e.types.join(', ')} only, not ${ctx.restriction.type}` };
    }
    const c = categoryExempts(e.category, ctx.restriction);
    const scope = e.cameras || e.types ? 'in scope' : 'everywhere';
    return { ...base, applies: c.exempts, why: `entry #${e.id} (${CATEGORY_LABEL[e.category]}, ${scope}, valid ${day(e.validFrom)} to ${e.validTo === null ? 'no end date' : day(e.validTo)}): ${c.why}` };
  }

  /**
   * The hot path: exact match only, no near misses. Returns the exempting entry's id or null.
   * Same answer as judge(...).applies, without building the explanation (dates as text) for every read.
   */
  exemptBy(vrm: string, ctx: CheckContext): number | null {
    const cur = this.map.get(vrm);
    if (cur === undefined) return null;
    if (!Array.isArray(cur)) return applies(cur, ctx) ? cur.id : null;
    for (const e of cur) if (applies(e, ctx)) return e.id;
    return null;
  }

  check(input: string, ctx: CheckContext, withNearMisses = true): IndexCheck {
    const vrm = normaliseVrm(input);
    const considered = this.entriesFor(vrm).map((e) => this.judge(e, ctx));
    const by = considered.find((c) => c.applies) ?? null;
    const nearMisses = withNearMisses ? this.nearMisses(vrm) : [];
    let explanation: string;
    if (by) explanation = `${vrm} is exempt: ${by.why}`;
    else if (considered.length) explanation = `${vrm} is not exempt: ${considered.map((c) => c.why).join('; ')}`;
    else explanation = `${vrm} is not exempt: it is not on the white list`;
    if (!by && nearMisses.length) explanation += ` (near misses listed for the officer; a near miss never exempts)`;
    return { vrm, exempt: by !== null, exemptBy: by?.entryId ?? null, explanation, considered, nearMisses };
  }

  /** Listed marks one character away, or differing only by up to two confusable characters. */
  nearMisses(vrm: string): NearMissFound[] {
    if (vrm.length === 0) return [];
    const found = new Map<string, IndexedEntry[]>();
    const probe = (v: string) => {
      if (v === vrm || found.has(v)) return;
      const cur = this.map.get(v);
      if (cur !== undefined) found.set(v, Array.isArray(cur) ? cur : [cur]);
    };
    const n = vrm.length;
    for (let i = 0; i <= n; i++) {
      const head = vrm.slice(0, i);
      const tail = vrm.slice(i);
      if (i < n) probe(head + tail.slice(1)); // deletion
      for (const c of ALPHABET) {
        probe(head + c + tail); // insertion
        if (i < n && c !== vrm[i]) probe(head + c + tail.slice(1)); // substitution
      }
    }
    // Two confusable characters at once (O→0 and I→1 in one read).
    for (let i = 0; i < n; i++) {
      const ci = confusablesOf(vrm[i]!);
      if (!ci.length) continue;
      for (let j = i + 1; j < n; j++) {
        const cj = confusablesOf(vrm[j]!);
        for (const a of ci) for (const b of cj) probe(vrm.slice(0, i) + a + vrm.slice(i + 1, j) + b + vrm.slice(j + 1));
      }
    }
    const out: NearMissFound[] = [];
    for (const [v, entries] of found) {
      const cmp = compareVrms(vrm, v);
      if (!cmp.nearMiss) continue;
      const d = oneCharacterDifference(vrm, v);
      const how = cmp.confusableOnly
        ? `differs only by confusable characters (${[...v].map((c, k) => (c !== vrm[k] ? `${vrm[k]}/${c} at ${k + 1}` : '')).filter(Boolean).join(', ')})`
        : d?.kind === 'substitution'
          ? `one character different: ${d.from} read, ${d.to} listed at position ${d.position}`
          : d?.kind === 'insertion'
            ? `one character more on the list: ${d.to} at position ${d.position}`
            : d
              ? `one character fewer on the list: ${d.from} at position ${d.position}`
              : 'near miss';
      out.push({ vrm: v, entryIds: entries.map((e) => e.id), category: [...new Set(entries.map((e) => e.category))].join(', '), how });
    }
    return out.sort((a, b) => a.vrm.localeCompare(b.vrm));
  }
}
