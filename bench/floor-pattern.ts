import { aliasKey } from '../src/core/alias-index.ts';
import { APOSTROPHE_GLYPHS, HYPHEN_GLYPHS, WORD_RANGES } from '../src/core/key-chars.ts';
import type { Entity } from '../src/core/types.ts';

/**
 * The floor's one regular expression: every alias and anchor word of a pack as a prefix tree, whole
 * words only, over lower-cased text. This is what the least any content script could do costs; the
 * extension itself no longer uses a pattern (see src/core/key-table.ts).
 */
interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

const hex = (code: number): string => (code < 0x80 ? String.fromCharCode(code) : `\\u${code.toString(16).padStart(4, '0')}`);
const WORD_CHARS = `[${WORD_RANGES.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('')}]`;

function charPattern(ch: string): string {
  if (ch === ' ') return ' +';
  if (ch === "'") return `[${APOSTROPHE_GLYPHS}]`;
  if (ch === '-') return `[${HYPHEN_GLYPHS}]`;
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function trieToPattern(node: TrieNode): string {
  const branches = [...node.children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ch, child]) => charPattern(ch) + trieToPattern(child));
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  if (!node.terminal) return body;
  return branches.length === 1 ? `(?:${body})?` : `${body}?`;
}

export function floorPattern(entities: readonly Pick<Entity, 'aliases' | 'patterns'>[]): RegExp {
  const root: TrieNode = { children: new Map(), terminal: false };
  const keys = entities.flatMap((e) => [...e.aliases.map((a) => a.text), ...(e.patterns ?? []).flatMap((p) => p.anchors)]).map(aliasKey);
  for (const key of keys) {
    let node = root;
    for (const ch of key) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { children: new Map(), terminal: false }));
      node = next;
    }
    node.terminal = true;
  }
  return new RegExp(`(?<!${WORD_CHARS})${trieToPattern(root)}(?!${WORD_CHARS})`, 'g');
}
