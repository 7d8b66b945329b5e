import { describe, expect, it, vi } from 'vitest';
import { bundledRestored } from '../../src/background/bundled.ts';
import { bundledDetector } from '../../src/core/detector.ts';
import { bundledLoaded } from '../../src/core/detector-core.ts';
import { bundledPack } from '../../src/core/packs/bundled.ts';
import { KINDS } from '../../src/core/types.ts';
import { bundledPackProblems } from '../../scripts/check-pack.ts';
import { local } from './helpers.ts';

const base = bundledPack();
const BLOCKERS = base.distractors.map((d) => (typeof d === 'string' ? d : d.phrase));

describe('the bundled pack', () => {
  it('passes every check an import makes, file by file', async () => {
    expect(await bundledPackProblems()).toEqual([]);
  });

  it('keeps the house rule: two to five dated, sourced facts per entity', () => {
    for (const entity of base.entities) {
      expect(entity.facts.length, entity.id).toBeGreaterThanOrEqual(2);
      expect(entity.facts.length, entity.id).toBeLessThanOrEqual(5);
    }
  });

  it('covers the 46 entities of the fact sheet and the 8 real coverage added, by kind', () => {
    const count = Object.fromEntries(KINDS.map((k) => [k, base.entities.filter((e) => e.kind === k).length]));
    expect(count).toEqual({ person: 16, place: 15, organization: 5, event: 13, topic: 5 });
  });

  it('dates every fact and sources it with an https URL', () => {
    for (const entity of base.entities) {
      for (const fact of entity.facts) {
        expect(fact.date, entity.id).toMatch(/^\d{4}(-\d{2}){0,2}$/);
        expect(fact.sources.length, entity.id).toBeGreaterThan(0);
        for (const source of fact.sources) expect(new URL(source.url).protocol, `${entity.id}: ${source.url}`).toBe('https:');
      }
    }
  });
});

describe("the bundled pack's keys built into the background (scripts/bundled-table-plugin.ts)", () => {
  it('restore the pack the background reads with, keys and all, as built from its text', () => {
    expect(bundledRestored()).toStrictEqual(bundledLoaded());
  });

  it('are not parsed for a card or a search, which read the entities alone', async () => {
    const built = bundledLoaded();
    vi.resetModules();
    const fresh = await import('../../src/background/bundled.ts');
    const parse = vi.spyOn(JSON, 'parse');
    const keysParsed = (): boolean => parse.mock.calls.some(([text]) => typeof text === 'string' && text.startsWith('{"records":'));
    try {
      expect(fresh.bundledEntities()).toStrictEqual({ manifest: built.manifest, entities: built.entities });
      expect(keysParsed()).toBe(false);
      // The detector's wake does parse them, once, and shares the entities already read.
      expect(fresh.bundledRestored().entities).toBe(fresh.bundledEntities().entities);
      expect(keysParsed()).toBe(true);
    } finally {
      parse.mockRestore();
    }
  });
});

describe('aliases', () => {
  it('reach every entity: each plain alias, written alone in a sentence, finds its entity', () => {
    for (const entity of base.entities) {
      const plain = entity.aliases.filter((a) => !a.needsNamed && !a.needsTitle && !a.dateline);
      expect(plain.length, entity.id).toBeGreaterThan(0);
      for (const alias of plain) {
        const text = `Reports mentioned ${alias.text} again today.`;
        const found = bundledDetector()
          .annotate(text)
          .filter((m) => local(m.entity) === entity.id);
        expect(
          found.map((m) => m.text),
          `${entity.id} via "${alias.text}"`,
        ).toEqual([alias.text]);
      }
    }
  });

  it('leave no blocker phrase that swallows an entity’s own alias', () => {
    const aliasKeys = new Set(base.entities.flatMap((e) => e.aliases.map((a) => a.text.toLowerCase())));
    expect(BLOCKERS.filter((b) => aliasKeys.has(b.toLowerCase()))).toEqual([]);
  });
});
