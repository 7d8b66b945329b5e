import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasKey, foldForMatching, packKeys } from '../../src/core/alias-index.ts';
import { findCandidates, findKeys as findKeysInText } from '../../src/core/candidates.ts';
import { bundledLoaded } from '../../src/core/detector.ts';
import { keyWords } from '../../src/core/key-gate.ts';
import { findKeys as probeKeys, probeScanner, type KeyFound } from '../../src/core/key-probe.ts';
import { compactProbes, expandProbes, flagsIn, isKeyTable, pageForm, walkWords, type KeyTable } from '../../src/core/key-table.ts';
import type { Entity } from '../../src/core/types.ts';
import { generatedPack } from '../../bench/generated-pack.ts';

const bundled = bundledLoaded();
const bundledPage = pageForm(bundled.table);
const large = (() => {
  const pack = generatedPack({ entities: 400, id: 'large-test' });
  return { id: pack.id, entities: pack.entities as Entity[], ...packKeys(pack.id, pack.entities as Entity[], []) };
})();
const largePage = pageForm(large.table);

/** A key as a page may spell it: any run of spaces, any apostrophe or hyphen glyph, any case. */
const spelled = (key: string, [spaces, apostrophe, hyphen, upper]: [string, string, string, boolean]): string => {
  const text = key.replaceAll(' ', spaces).replaceAll("'", apostrophe).replaceAll('-', hyphen);
  return upper ? text.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()) : text;
};
const spelling = fc.tuple(
  fc.constantFrom(' ', '  ', ' \u00a0 '),
  fc.constantFrom("'", '\u2019', '\u02bc'),
  fc.constantFrom('-', '\u2010', '\u2013'),
  fc.boolean(),
);
const noise = fc.constantFrom('the', 'a', 'taxi', 'x', 'é', 'ж', '9', '_', 'said', 'mr', 'president', 'harder', 'of');
const glue = fc.constantFrom(' ', '', '. ', ', ', "'", '-', '\n', '(', ')', '\u00ad');
const textOf = (keys: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...keys).chain((k) => spelling.map((s) => spelled(k, s))),
          noise,
        ),
        glue,
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.map(([w, g]) => w + g).join(''));

/** Where the background finds an exact key of the pack that names an entity (not an anchor or a distractor), and which key. */
function exactNames(pack: { id: string; table: KeyTable; records: ReadonlyMap<string, unknown> }, text: string): string[] {
  const hits = findKeysInText([{ id: pack.id, table: pack.table }], text);
  const candidates = findCandidates(hits, new Map([[pack.id, pack.records as never]]));
  // A candidate may start before its key ("Minister Wang" is found from the key "wang"), so the
  // position to compare is the key's own: the hit inside the candidate that spells its alias.
  const keyAt = (c: (typeof candidates)[number]) => {
    const key = aliasKey(c.alias);
    const hit = hits.hits.find((h) => h.start >= c.start && h.start < c.end && h.surfaces.some((s) => aliasKey(s) === key));
    return `${hit ? hit.start : c.start}:${key}`;
  };
  return [...new Set(candidates.filter((c) => !c.anchor && c.rule !== 'title').map(keyAt))];
}

describe('the bundled pack on the page: probes', () => {
  it('are what the page gets of it: no hash tables', () => {
    expect(bundledPage.complete).toBe(true);
    expect(bundledPage.first).toBe('');
    expect(bundledPage.probes!.length).toBeGreaterThan(20);
  });

  it('are built into the content script each key once, and read back whole', () => {
    const compact = compactProbes(bundledPage);
    expect(expandProbes(JSON.parse(JSON.stringify(compact)))).toEqual(bundledPage);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(bundledPage).length * 0.7);
  });

  it('read back whole from their text form, odd characters and no probes at all included', () => {
    const table = (probes: string[][], flags: Record<string, number>): KeyTable => ({
      first: '',
      rest: '',
      words: '',
      complete: true,
      cjk: false,
      probes,
      probeFlags: flags,
    });
    for (const odd of [
      table([], {}),
      table([['a\\b', 'a\\b c', '`x` ${y}']], { 'a\\b c': 2, '`x` ${y}': 31 }),
      table(
        [
          ['北', '北京'],
          ['é', 'élysée', "o'neil"],
        ],
        { 北京: 2, élysée: 4, "o'neil": 8 },
      ),
    ])
      expect(expandProbes(JSON.parse(JSON.stringify(compactProbes(odd))))).toEqual(odd);
    expect(() => compactProbes(table([['a', 'a\tb']], { 'a\tb': 2 }))).toThrow(/tab or a line break/);
    expect(() => compactProbes(table([['a', 'ab']], {}))).toThrow(/no flags/);
  });

  it('find every name the background finds, however it is spaced and spelled (property)', () => {
    const keys = [...bundled.records.keys()].filter((k) => bundled.records.get(k)!.entries.length);
    fc.assert(
      fc.property(textOf(keys), (raw) => {
        const text = foldForMatching(raw.replace(/\u00ad/g, ''));
        const probed = new Set(probeKeys(text, bundledPage.probes!).map(({ at, key }) => `${at}:${key}`));
        for (const found of exactNames({ id: 'summit-2025', table: bundled.table, records: bundled.records }, raw.replace(/\u00ad/g, '')))
          expect(probed, raw).toContain(found);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the probes, window by window', () => {
  it('find the same keys as in one pass, wherever the windows end (property)', () => {
    const keys = [...bundled.records.keys()].filter((k) => bundled.records.get(k)!.entries.length);
    fc.assert(
      fc.property(textOf(keys), fc.integer({ min: 1, max: 40 }), (raw, window) => {
        const text = foldForMatching(raw.replace(/\u00ad/g, ''));
        const scan = probeScanner(text, bundledPage.probes!);
        const windowed: KeyFound[] = [];
        for (let to = window; ; to += window) {
          scan(Math.min(to, text.length), (find) => windowed.push(find));
          if (to >= text.length) break;
        }
        windowed.sort((a, b) => a.at - b.at || b.key.length - a.key.length);
        expect(windowed).toEqual(probeKeys(text, bundledPage.probes!));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a large pack on the page: the word gate and the walk from its words', () => {
  it('is not probed: the page gets its first-token table and its common first words', () => {
    expect(largePage.complete).toBe(false);
    expect(largePage.probes).toBeUndefined();
    expect(largePage.words).toContain('the\t');
  });

  it('stays shut on ordinary text, and opens on a name', () => {
    const ordinary = foldForMatching('The harder the rain, the more the minimal roads flood. Officials said so in 2019.');
    expect(keyWords(ordinary, [largePage]).open).toBe(false);
    const name = large.entities[7]!.name;
    expect(keyWords(foldForMatching(`Yesterday ${name} arrived.`), [largePage]).open).toBe(true);
  });

  it('never stays shut where the background finds a name, and the walk finds it there (property)', () => {
    const keys = [...large.records.keys()].slice(0, 400);
    fc.assert(
      fc.property(textOf(keys), (raw) => {
        const clean = raw.replace(/\u00ad/g, '');
        const expected = exactNames(large, clean);
        if (!expected.length) return;
        const text = foldForMatching(clean);
        const gate = keyWords(text, [largePage]);
        expect(gate.open, raw).toBe(true);
        const walked = new Set<number>();
        walkWords(large.table, text, { words: gate.words!, from: 0, to: text.length }, ({ start }) => void walked.add(start));
        for (const found of expected) expect(walked, raw).toContain(Number(found.split(':')[0]));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a damaged table read from storage', () => {
  // Every slot taken, none matching: a table the extension builds always keeps empty slots.
  const full = '\u4e00'.repeat(64);

  it('is read without scanning it, and a look-up in it ends', () => {
    expect(isKeyTable({ ...largePage, first: full, rest: full })).toBe(true);
    expect(isKeyTable({ ...largePage, first: 'odd' })).toBe(false);
    expect(flagsIn(full, 12345, 678)).toBe(0);
  });

  it('leaves the word gate able to finish', () => {
    const damaged = { ...largePage, first: full, rest: full };
    const gate = keyWords(foldForMatching('An ordinary sentence about rain in the hills.'), [damaged]);
    expect(gate.open).toBe(false);
  });
});
