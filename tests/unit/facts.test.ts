import { describe, expect, it } from 'vitest';
import { checkIntegrity, validateFactFile } from '../../src/core/facts/schema.ts';
import { BLOCKERS, FACT_FILES, loadFactBase } from '../../src/core/facts/index.ts';
import { bundledDetector } from '../../src/core/detector.ts';
import { KINDS, type Entity } from '../../src/core/types.ts';

const base = loadFactBase();

describe('the bundled fact base', () => {
  it('passes the schema, file by file', () => {
    for (const [name, data] of Object.entries(FACT_FILES)) expect(validateFactFile(name, data)).toEqual([]);
  });

  it('passes the integrity checks', () => {
    expect(checkIntegrity(base)).toEqual([]);
  });

  it('covers the 46 entities of the story, by kind', () => {
    const count = Object.fromEntries(KINDS.map((k) => [k, base.entities.filter((e) => e.kind === k).length]));
    expect(count).toEqual({ person: 14, place: 13, organization: 5, event: 10, topic: 4 });
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

describe('aliases', () => {
  it('reach every entity: each plain alias, written alone in a sentence, finds its entity', () => {
    for (const entity of base.entities) {
      const plain = entity.aliases.filter((a) => !a.needsNamed && !a.needsTitle && !a.dateline);
      expect(plain.length, entity.id).toBeGreaterThan(0);
      for (const alias of plain) {
        const text = `Reports mentioned ${alias.text} again today.`;
        const found = bundledDetector()
          .annotate(text)
          .filter((m) => m.entity === entity.id);
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

describe('schema errors', () => {
  const good = base.entities[0]!;
  const broken = (patch: Partial<Entity> & Record<string, unknown>) => ({ entities: [{ ...structuredClone(good), ...patch }] });

  it('name the entity and the field', () => {
    const facts = structuredClone(good.facts);
    facts[1]!.sources[0]!.url = 'http://insecure.example/';
    expect(validateFactFile('people', broken({ facts }))).toEqual([
      `people: entity "${good.id}": facts[1].sources[0].url must be an https URL`,
    ]);
    expect(validateFactFile('people', broken({ kind: 'planet' as Entity['kind'] }))[0]).toContain(`entity "${good.id}": kind`);
  });

  it('reject an undated fact and an entity with one fact', () => {
    const facts = structuredClone(good.facts);
    (facts[0] as { date?: string }).date = '30 Oct';
    expect(validateFactFile('x', broken({ facts }))[0]).toContain('facts[0].date must be YYYY, YYYY-MM or YYYY-MM-DD');
    expect(validateFactFile('x', broken({ facts: good.facts.slice(0, 1) }))[0]).toContain('needs at least two facts');
  });

  it('integrity catches dangling links, duplicate ids and colliding aliases', () => {
    const a = { ...structuredClone(good), related: ['nobody'] };
    const b = { ...structuredClone(good) };
    const problems = checkIntegrity({ reviewed: '2025-11-25', entities: [a, b] });
    expect(problems).toContain(`entity "${good.id}": id is used twice`);
    expect(problems).toContain(`entity "${good.id}": related "nobody" does not exist`);
    const c = { ...structuredClone(good), id: 'someone-else', aliases: [{ text: good.aliases[0]!.text }] };
    expect(checkIntegrity({ reviewed: '2025-11-25', entities: [good, c] }).some((p) => p.includes('maps to'))).toBe(true);
  });
});
