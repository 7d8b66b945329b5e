// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledTables, findChecked } from './helpers.ts';
import { scanPage } from '../../src/content/scan.ts';
import type { Budget } from '../../src/content/page-text.ts';

const unlimited: Budget = { exhausted: () => false, next: async () => {}, wait: (p) => p };
const find = findChecked;

const WORDS = [
  'Donald',
  'Trump',
  'Xi',
  'Jinping',
  'Busan',
  'trump',
  'china',
  'Mr',
  'President',
  'Lee',
  'the',
  'talks',
  'in',
  'Tak\u00adaichi',
  'Sanae',
  'APEC',
  ',',
  '.',
  ' ',
  '\u00a0',
  '\n',
];
const TAGS = ['p', 'div', 'span', 'b', 'a', 'em', 'li', 'h2', 'script', 'style', 'textarea', 'pre', 'code', 'noscript'];

interface Tree {
  tag: string;
  children: (Tree | string)[];
}

const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    children: fc.array(fc.oneof({ depthSize: 'small' }, text, tie('node')), { maxLength: 4 }),
  }),
})).node;

function build(doc: Document, node: Tree): Element {
  const element = doc.createElement(node.tag);
  for (const child of node.children) element.append(typeof child === 'string' ? doc.createTextNode(child) : build(doc, child));
  if (Math.abs(node.children.length % 3) === 2) element.setAttribute('contenteditable', 'true');
  return element;
}

/** The DOM as nodes and text, for comparing before and after. */
function shape(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return JSON.stringify((node as Text).data);
  const el = node as Element;
  return `<${el.tagName}${el.getAttribute('contenteditable') ? ' ce' : ''}>${[...el.childNodes].map(shape).join('')}</${el.tagName}>`;
}

describe('scanning random documents', () => {
  it('leaves every node and every character as it was, and maps each mention to exactly its text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { minLength: 1, maxLength: 4 }), async (trees) => {
        document.body.replaceChildren(...trees.map((t) => build(document, t)));
        const before = shape(document.body);
        const { mentions } = await scanPage({ tables: bundledTables(), roots: document.body, find: find, budget: unlimited });
        expect(shape(document.body)).toBe(before);
        for (const { range, mention } of mentions) {
          // The page text reads a line break inside a text node as a space, and a node of whitespace
          // alone between two others as one space ("Mr", "  \n", "Xi" reads "Mr Xi").
          const words = (s: string): string => s.replace(/\s+/g, ' ');
          expect(words(range.toString())).toBe(words(mention.text));
          const owner = range.startContainer.parentElement!;
          expect(owner.closest('script, style, textarea, pre, code, noscript, [contenteditable="true"]')).toBeNull();
        }
      }),
      { numRuns: 150 },
    );
  });
});
