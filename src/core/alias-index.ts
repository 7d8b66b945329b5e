import { APOSTROPHE_GLYPHS, HYPHEN_GLYPHS, WORD_RANGES } from './key-chars.ts';
import { keyProbes, type Probe } from './key-probe.ts';
import type { Alias, AliasSource, Kind } from './types.ts';

export interface AliasEntry {
  entity: string;
  kind: Kind;
  alias: Alias;
}

/**
 * Every surface form of every entity, compiled into one regular expression so the page's text
 * is scanned once, whatever the number of aliases. Blockers are phrases that contain an alias
 * but name something else ("George Washington", "North Korea"); a candidate they cover is dropped.
 */
export interface AliasIndex {
  /**
   * Matches the folded text (see foldForMatching). Without the `i` flag the engine compiles and
   * scans the pattern an order of magnitude faster (measured: 34 KB of text, 16 ms → 1 ms, compile
   * included); case is checked afterwards on the original text, where it matters.
   */
  readonly pattern: RegExp;
  readonly entriesByKey: ReadonlyMap<string, AliasEntry[]>;
  readonly blockerKeys: ReadonlySet<string>;
  /** Anchor word → entities whose name patterns it can start. */
  readonly anchorsByKey: ReadonlyMap<string, string[]>;
}

const APOSTROPHES = new RegExp(`[${APOSTROPHE_GLYPHS.slice(1)}]`, 'g');
const HYPHENS = new RegExp(`[${HYPHEN_GLYPHS.slice(1)}]`, 'g');
const SPACES = /[\s\u00a0]+/g;

/** The form two spellings share when they differ only in case, spacing, apostrophe or hyphen glyphs. */
export function aliasKey(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(SPACES, ' ').trim().toLowerCase();
}

/** The same as aliasKey but keeping case, to check case-sensitive aliases. */
export function surfaceForm(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(SPACES, ' ').trim();
}

// ASCII as itself (digits, letters, underscore), the rest escaped.
const hex = (code: number): string => (code < 0x80 ? String.fromCharCode(code) : `\\u${code.toString(16).padStart(4, '0')}`);
/** Characters that continue a word (see key-chars.ts), as a pattern class. */
const WORD_CHARS = `[${WORD_RANGES.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('')}]`;

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

/**
 * The pattern runs over folded text (see foldForMatching); apostrophe and hyphen glyphs are
 * matched by class in the pattern itself, which costs the engine little. (A class for every kind
 * of space, at every space of every alias, doubled the compiled pattern's memory: spaces are
 * folded in the text instead.)
 */
function charPattern(ch: string): string {
  if (ch === ' ') return ' +';
  // The glyphs themselves, not \u escapes: the pattern ships in the page script, where bytes count.
  if (ch === "'") return `[${APOSTROPHE_GLYPHS}]`;
  if (ch === '-') return `[${HYPHEN_GLYPHS}]`;
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const OTHER_SPACES = /[^\S\n ]/g;

/**
 * Lower case, offsets kept: "İ" is the one common letter that lower-cases to two characters, so it
 * is read as "I" first. (The page's quick look and the background's pass both fold this way.)
 */
export function lowerKeepingOffsets(text: string): string {
  return (text.includes('\u0130') ? text.replace(/\u0130/g, 'I') : text).toLowerCase();
}

/**
 * The text as the pattern reads it: lower case, one kind of space (a line break stays a line
 * break: names never cross it), every offset kept.
 */
export function foldForMatching(text: string): string {
  return lowerKeepingOffsets(text).replace(OTHER_SPACES, ' ');
}

/** A prefix tree as a regex: far fewer alternatives for the engine to try at each position than a flat list. */
function trieToPattern(node: TrieNode): string {
  const branches = [...node.children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ch, child]) => charPattern(ch) + trieToPattern(child));
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  if (!node.terminal) return body;
  return branches.length === 1 ? `(?:${body})?` : `${body}?`;
}

/** Inserts keys into a prefix tree and renders it as one pattern, whole words only. */
function keysPattern(keys: Iterable<string>): string {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const key of keys) {
    let node = root;
    for (const ch of key) {
      let next = node.children.get(ch);
      if (!next) {
        next = { children: new Map(), terminal: false };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.terminal = true;
  }
  return `(?<!${WORD_CHARS})${trieToPattern(root)}(?!${WORD_CHARS})`;
}

/** The index the background and node use: the full pattern, every alias by key, anchors, distractors. */
export function buildAliasIndex(sources: readonly AliasSource[], blockers: readonly string[] = []): AliasIndex {
  const entriesByKey = new Map<string, AliasEntry[]>();
  const anchorsByKey = new Map<string, string[]>();
  const keys: string[] = [];
  for (const source of sources) {
    for (const alias of source.aliases) {
      const key = aliasKey(alias.text);
      if (!key) continue;
      entriesByKey.set(key, [...(entriesByKey.get(key) ?? []), { entity: source.id, kind: source.kind, alias }]);
      keys.push(key);
    }
    for (const anchor of source.anchors ?? []) {
      const key = aliasKey(anchor);
      if (!key) continue;
      anchorsByKey.set(key, [...new Set([...(anchorsByKey.get(key) ?? []), source.id])]);
      keys.push(key);
    }
  }
  const blockerKeys = new Set<string>();
  for (const phrase of blockers) {
    const key = aliasKey(phrase);
    if (!key) continue;
    blockerKeys.add(key);
    keys.push(key);
  }
  return { pattern: new RegExp(keysPattern(keys), 'g'), entriesByKey, blockerKeys, anchorsByKey };
}

/**
 * What a page needs to tell, in one pass over its text, whether anything of the story may be in
 * it and where: every alias and anchor word as one pattern (no distractors: those only ever remove
 * a candidate, which the background decides), and the few keys that are not enough alone.
 */
export interface PrefilterTable {
  source: string;
  ids: string[];
  kinds: Kind[];
  /** Keys that only start a name pattern ("September"): a page is read only if something else matched. */
  anchorOnly: string[];
  /** Keys whose every alias needs a title before it ("He", "Li"): a name only after one of `titles`. */
  titled: string[];
  /** The titles, lower case, as one alternation. */
  titles: string;
  /** The same keys as `source`, for texts short enough to search without compiling it (see key-probe.ts). */
  probes: Probe[];
}

/** Whether a shorter key that can stand alone starts `key` at a word boundary ("rare earth" in "rare earths"). */
function startsWithAnother(key: string, standalone: ReadonlySet<string>): boolean {
  for (let end = 1; end < key.length; end++) {
    if (/[\p{L}\p{N}]/u.test(key[end]!) || !standalone.has(key.slice(0, end).trimEnd())) continue;
    return true;
  }
  return false;
}

/** `titles`: the matcher's titles as a pattern alternation (see TITLE_WORDS). */
export function compilePrefilter(sources: readonly AliasSource[], titles: string): PrefilterTable {
  const aliasKeys = new Map<string, boolean>();
  const anchorKeys = new Set<string>();
  for (const source of sources) {
    for (const alias of source.aliases) {
      const key = aliasKey(alias.text);
      if (key) aliasKeys.set(key, (aliasKeys.get(key) ?? true) && Boolean(alias.needsTitle));
    }
    for (const anchor of source.anchors ?? []) {
      const key = aliasKey(anchor);
      if (key) anchorKeys.add(key);
    }
  }
  const standalone = new Set([...aliasKeys].filter(([, titled]) => !titled).map(([key]) => key));
  // The pattern returns the longest key at a place: one that could hide a standalone name counts as a name.
  const anchorOnly = [...anchorKeys].filter((key) => !aliasKeys.has(key) && !startsWithAnother(key, standalone));
  const titled = [...aliasKeys]
    .filter(([key, needs]) => needs && !anchorKeys.has(key) && !startsWithAnother(key, standalone))
    .map(([key]) => key);
  const keys = new Set([...aliasKeys.keys(), ...anchorKeys]);
  return {
    source: keysPattern(keys),
    ids: sources.map((source) => source.id),
    kinds: sources.map((source) => source.kind),
    anchorOnly,
    titled,
    titles: titles.toLowerCase(),
    probes: keyProbes(keys),
  };
}
