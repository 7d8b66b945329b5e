import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasKey, compilePrefilter, foldForMatching } from '../../src/core/alias-index.ts';
import { aliasSources, loadFactBase } from '../../src/core/facts/index.ts';
import { findKeys, keyProbes } from '../../src/core/key-probe.ts';
import { TITLE_WORDS } from '../../src/core/local-rules.ts';

const table = compilePrefilter(aliasSources(loadFactBase()), TITLE_WORDS);
const pattern = new RegExp(table.source, 'g');
const keys = table.probes.flatMap((probe) => probe.slice(1));

/** Where the page's pattern matches, and which key: what the probes must never miss. */
function patternMatches(text: string): [number, string][] {
  pattern.lastIndex = 0;
  return [...text.matchAll(pattern)].map((m) => [m.index, m[0]]);
}

function probeMatches(text: string): Set<string> {
  return new Set(findKeys(text, table.probes).map(({ at, key }) => `${at}:${key}`));
}

/** A key as a page may spell it: any run of spaces, any apostrophe or hyphen glyph. */
const spelled = (key: string, spaces: string, apostrophe: string, hyphen: string): string =>
  key.replaceAll(' ', spaces).replaceAll("'", apostrophe).replaceAll('-', hyphen);

describe('finding keys without the pattern', () => {
  it('probes every key of the table, each through a piece it contains', () => {
    expect(new Set(keys)).toEqual(new Set(keyProbes(keys).flatMap((probe) => probe.slice(1))));
    for (const [piece, ...withPiece] of table.probes) for (const key of withPiece) expect(key).toContain(piece);
    expect(keys).toContain('xi jinping');
    expect(keys).toContain('september');
  });

  it('finds a key where the pattern does, however it is spaced and spelled', () => {
    const text = foldForMatching('Mr Xi  Jinping and Donald\u00a0Trump met in Busan\u2019s airport; the U.S.\u2013China summit.');
    const expected = patternMatches(text);
    expect(expected.map(([, key]) => key)).toContain('xi  jinping');
    const found = probeMatches(text);
    for (const [at, match] of expected) expect(found, `${match} at ${at}`).toContain(`${at}:${aliasKey(match)}`);
  });

  it('does not find a key inside a longer word', () => {
    const text = foldForMatching('The taxi driver left Indochina for Xiamen; Chinese exit polls, Trumpism, lee-way.');
    expect(findKeys(text, table.probes).map(({ key }) => key)).toEqual(patternMatches(text).map(([, key]) => key));
    expect(findKeys(text, table.probes).map(({ key }) => key)).not.toContain('xi');
    expect(findKeys(text, table.probes).map(({ key }) => key)).not.toContain('china');
  });

  it('never misses a place the pattern matches, in text made of keys, their pieces and noise (property)', () => {
    const pieces = [...new Set(table.probes.map((probe) => probe[0]!))];
    const word = fc.oneof(
      fc
        .constantFrom(...keys)
        .chain((key) =>
          fc
            .tuple(
              fc.constantFrom(' ', '  ', ' \u00a0 '),
              fc.constantFrom("'", '\u2019', '\u02bc'),
              fc.constantFrom('-', '\u2010', '\u2013'),
            )
            .map(([spaces, apostrophe, hyphen]) => spelled(key, spaces, apostrophe, hyphen)),
        ),
      fc.constantFrom(...pieces),
      fc.constantFrom('the', 'a', 'taxi', 'x', 'é', 'ж', '9', '_', 'said', 'mr', 'president'),
    );
    const glue = fc.constantFrom(' ', '', '. ', ', ', "'", '-', '\n', '(', ')', '\u00ad');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, glue), { maxLength: 12 }), (parts) => {
        const text = foldForMatching(parts.map(([w, g]) => w + g).join(''));
        const places = new Set(findKeys(text, table.probes).map(({ at }) => at));
        for (const [at, match] of patternMatches(text)) {
          expect(places, text).toContain(at);
          expect(probeMatches(text), text).toContain(`${at}:${aliasKey(match)}`);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
