import type { Pack } from '../src/core/packs/schema.ts';
import type { Entity, Kind } from '../src/core/types.ts';

/**
 * A large fictional pack for the benchmark: `entities` made-up entities with five aliases each
 * (10,000 and 50,000 by default), names built from invented syllables so that they do not occur in
 * real pages, a tenth of them with a key that starts with a common word ("the … Accord"), the way
 * real packs have descriptions. Deterministic: the same arguments give the same pack.
 */
export function generatedPack({ entities = 10_000, id = 'generated-bench' }: { entities?: number; id?: string } = {}): Pack {
  let seed = 0x2f6b1d;
  const random = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const syllables = [
    'kor',
    'vel',
    'tash',
    'min',
    'dro',
    'sab',
    'qui',
    'lum',
    'fen',
    'rax',
    'zol',
    'pim',
    'har',
    'nev',
    'tor',
    'gla',
    'wyn',
    'bex',
  ];
  const word = (parts: number): string => {
    let w = '';
    for (let i = 0; i < parts; i++) w += syllables[Math.floor(random() * syllables.length)]!;
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const kinds: Kind[] = ['person', 'place', 'organization', 'event', 'topic'];
  const used = new Set<string>();
  const unique = (make: () => string): string => {
    for (;;) {
      const candidate = make();
      if (!used.has(candidate.toLowerCase())) {
        used.add(candidate.toLowerCase());
        return candidate;
      }
    }
  };
  const list: Entity[] = [];
  for (let i = 0; i < entities; i++) {
    const kind = kinds[i % kinds.length]!;
    let given = '';
    let family = '';
    const name = unique(() => {
      given = word(2);
      family = word(3);
      return `${given} ${family}`;
    });
    const aliases = [
      { text: name },
      { text: unique(() => `${family} ${word(2)}`) },
      { text: unique(() => `${word(2)}-${family}`) },
      { text: unique(() => `${given} ${word(1)} ${family}`) },
      { text: i % 10 === 0 ? unique(() => `the ${family} ${word(2)} Accord`) : unique(() => word(4)) },
    ];
    list.push({
      id: `entity-${i}`,
      kind,
      name,
      type: 'Fictional entity for the benchmark',
      summary: `${name} is made up: it exists only to measure how Summit Lens copes with a large pack.`,
      role: { text: 'Fictional', asOf: '2026-01-01' },
      facts: [
        {
          text: `Nothing about ${name} is true.`,
          date: '2026-01-01',
          sources: [{ outlet: 'Summit Lens benchmark', url: 'https://example.org/bench' }],
        },
      ],
      related: [],
      ...(kind === 'event' ? { event: { start: '2026-01-01', placeName: 'Nowhere', participants: [] } } : {}),
      aliases,
    });
  }
  return {
    format: 1,
    id,
    title: `Generated benchmark pack (fictional, ${entities.toLocaleString('en')} entities)`,
    description: 'Made-up entities with invented names, for measuring the cost of a large pack. Nothing in it is true.',
    language: 'en',
    revision: 1,
    period: { from: '2026-01', to: '2026-12' },
    reviewed: '2026-12-07',
    authors: ['Summit Lens benchmark'],
    license: 'MIT',
    minAppVersion: '0.1.0',
    entities: list,
    distractors: [],
  };
}
