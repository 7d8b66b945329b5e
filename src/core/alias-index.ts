import type { Alias, AliasSource, Kind } from './types';

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
  pattern: RegExp;
  entriesByKey: Map<string, AliasEntry[]>;
  blockerKeys: Set<string>;
  /** Anchor word → entities whose name patterns it can start. */
  anchorsByKey: Map<string, string[]>;
}

const APOSTROPHES = /[\u2019\u02bc]/g;
const HYPHENS = /[\u2010\u2011\u2012\u2013]/g;
const SPACES = /[\s\u00a0]+/g;

/** The form two spellings share when they differ only in case, spacing, apostrophe or hyphen glyphs. */
export function aliasKey(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(SPACES, ' ').trim().toLowerCase();
}

/** The same as aliasKey but keeping case, to check case-sensitive aliases. */
export function surfaceForm(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(SPACES, ' ').trim();
}

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

function charPattern(ch: string): string {
  if (ch === ' ') return '[^\\S\\n]+';
  if (ch === "'") return "['\\u2019\\u02bc]";
  if (ch === '-') return '[-\\u2010\\u2011\\u2012\\u2013]';
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
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

export function buildAliasIndex(sources: readonly AliasSource[], blockers: readonly string[] = []): AliasIndex {
  const entriesByKey = new Map<string, AliasEntry[]>();
  const anchorsByKey = new Map<string, string[]>();
  const root: TrieNode = { children: new Map(), terminal: false };
  const insert = (key: string): void => {
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
  };
  for (const source of sources) {
    for (const alias of source.aliases) {
      const key = aliasKey(alias.text);
      if (!key) continue;
      const list = entriesByKey.get(key) ?? [];
      list.push({ entity: source.id, kind: source.kind, alias });
      entriesByKey.set(key, list);
      insert(key);
    }
    for (const anchor of source.anchors ?? []) {
      const key = aliasKey(anchor);
      if (!key) continue;
      anchorsByKey.set(key, [...new Set([...(anchorsByKey.get(key) ?? []), source.id])]);
      insert(key);
    }
  }
  const blockerKeys = new Set<string>();
  for (const phrase of blockers) {
    const key = aliasKey(phrase);
    if (!key) continue;
    blockerKeys.add(key);
    insert(key);
  }
  // Letters or digits on either side mean the alias is part of a longer word ("Chinese", "Xiamen").
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${trieToPattern(root)}(?![\\p{L}\\p{N}_])`, 'giu');
  return { pattern, entriesByKey, blockerKeys, anchorsByKey };
}
