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
 * Near-miss candidates are filtered by a polynomial hash of their character
 * codes, h(s) = sum of s[i] * BASE^(len-1-i) mod 2^32, which can be updated
 * for a one-character edit from prefix and suffix hashes without building
 * the string. The filter is a bit set (2^24 bits, 2 MB): a set bit means
 * "perhaps listed"; a clear bit means certainly not.
 */
const HASH_BASE = 0x01000193;
const ALPHABET_CODES = [...ALPHABET].map((c) => c.charCodeAt(0));
const powerTable: number[] = [1];
function powersOf(upTo: number): number[] {
  while (powerTable.length <= upTo) powerTable.push(Math.imul(powerTable[powerTable.length - 1]!, HASH_BASE));
  return powerTable;
}

export function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, HASH_BASE) + s.charCodeAt(i)) | 0;
  return h;
}

class HashFilter {
  private static readonly BITS = 24;
  private readonly words = new Int32Array(1 << (HashFilter.BITS - 5));

  /** A mixing step (murmur3's finaliser) so the polynomial's top bits spread over the table. */
  private static slot(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> (32 - HashFilter.BITS);
  }

  add(h: number): void {
    const b = HashFilter.slot(h);
    this.words[b >>> 5]! |= 1 << (b & 31);
  }

  has(h: number): boolean {
    const b = HashFilter.slot(h);
    return (this.words[b >>> 5]! & (1 << (b & 31))) !== 0;
  }

  clear(): void {
    this.words.fill(0);
  }
}

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
  /** Hashes of every mark added (never cleared on remove: a stale bit costs one Map lookup, nothing more). */
  private readonly filter = new HashFilter();
  private count = 0;

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.map.clear();
    this.filter.clear();
    this.count = 0;
  }

  add(vrm: string, e: IndexedEntry): void {
    this.filter.add(hashOf(vrm));
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
    // Each candidate's hash is worked out from the mark's prefix and suffix hashes without building the
    // string; only a candidate whose hash is in the filter is built and looked up. Same candidates, same
    // answer as building all ~600 of them, at a few per cent of the cost (this runs for every new event).
    const listed = (h: number) => this.filter.has(h);
    const n = vrm.length;
    const code = new Array<number>(n);
    for (let i = 0; i < n; i++) code[i] = vrm.charCodeAt(i);
    const pow = powersOf(n + 1);
    const pre = new Array<number>(n + 1);
    pre[0] = 0;
    for (let i = 0; i < n; i++) pre[i + 1] = (Math.imul(pre[i]!, HASH_BASE) + code[i]!) | 0;
    const suf = new Array<number>(n + 1);
    suf[n] = 0;
    for (let i = n - 1; i >= 0; i--) suf[i] = (Math.imul(code[i]!, pow[n - 1 - i]!) + suf[i + 1]!) | 0;
    const whole = pre[n]!;
    for (let i = 0; i <= n; i++) {
      const head = vrm.slice(0, i);
      const tail = vrm.slice(i);
      // deletion
      if (i < n && listed((Math.imul(pre[i]!, pow[n - 1 - i]!) + suf[i + 1]!) | 0)) probe(head + tail.slice(1));
      const insHead = Math.imul(pre[i]!, HASH_BASE);
      for (let k = 0; k < ALPHABET.length; k++) {
        const c = ALPHABET_CODES[k]!;
        // insertion
        if (listed((Math.imul((insHead + c) | 0, pow[n - i]!) + suf[i]!) | 0)) probe(head + ALPHABET[k]! + tail);
        // substitution
        if (i < n && c !== code[i] && listed((whole + Math.imul(c - code[i]!, pow[n - 1 - i]!)) | 0)) probe(head + ALPHABET[k]! + tail.slice(1));
      }
    }
    // Two confusable characters at once (O→0 and I→1 in one read).
    for (let i = 0; i < n; i++) {
      const ci = confusablesOf(vrm[i]!);
      if (!ci.length) continue;
      for (let j = i + 1; j < n; j++) {
        const cj = confusablesOf(vrm[j]!);
        for (const a of ci) {
          for (const b of cj) {
            const h = a.length === 1 && b.length === 1 ? (whole + Math.imul(a.charCodeAt(0) - code[i]!, pow[n - 1 - i]!) + Math.imul(b.charCodeAt(0) - code[j]!, pow[n - 1 - j]!)) | 0 : null;
            if (h === null || listed(h)) probe(vrm.slice(0, i) + a + vrm.slice(i + 1, j) + b + vrm.slice(j + 1));
          }
        }
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
