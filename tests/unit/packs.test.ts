import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPackManager, type PackManager } from '../../src/common/packs/manage.ts';
import { BUILT_IN_TABLE, PACK_STATES_KEY, PAGE_TABLES_KEY, parsePageTables } from '../../src/common/packs/state.ts';
import { openPackStore, type PackStore } from '../../src/common/packs/store.ts';
import { readPackSource } from '../../src/cli/pack-source.ts';
import { buildCardData } from '../../src/core/card-data.ts';
import { createDetector, sharedJudge } from '../../src/core/detector.ts';
import { bundledPack } from '../../src/core/packs/bundled.ts';
import { readPackFile, writePackFile } from '../../src/core/packs/file.ts';
import { PACK_LIMITS } from '../../src/core/packs/limits.ts';
import { patternProblems } from '../../src/core/packs/pattern.ts';
import type { Pack } from '../../src/core/packs/schema.ts';
import { checkPack } from '../../src/core/packs/validate.ts';
import type { KeyTable } from '../../src/core/key-table.ts';
import type { Entity } from '../../src/core/types.ts';
import { BUNDLED_PACK_DIR } from '../../scripts/check-pack.ts';
import { memoryStorage } from './helpers.ts';

const APP = '0.2.0';

/** A small pack of our own making, fictional, for the format's tests. */
/** The bundled pack's own revision: an import must be newer to replace it. */

function testPack(changes: Partial<Pack> = {}): Pack {
  const fact = (text: string) => ({ text, date: '2026-03-02', sources: [{ outlet: 'Example Gazette', url: 'https://example.org/a' }] });
  const entities: Entity[] = [
    {
      id: 'harbor-accord',
      kind: 'event',
      name: 'Harbor Accord (fictional)',
      type: 'Made-up treaty for tests',
      summary: 'A treaty that exists only in Summit Lens tests.',
      role: { text: 'Signed', asOf: '2026-03-02' },
      facts: [fact('The accord was signed in the fictional port of Lorvenn.')],
      related: ['lorvenn'],
      event: { start: '2026-03-02', place: 'lorvenn', placeName: 'Lorvenn', participants: [] },
      aliases: [{ text: 'Harbor Accord' }, { text: 'Lorvenn accord', caseInsensitive: true }],
      patterns: [{ match: '(talks|treaty) (in|at) lorvenn', anchors: ['Lorvenn'] }],
    },
    {
      id: 'lorvenn',
      kind: 'place',
      name: 'Lorvenn',
      type: 'Fictional port town',
      summary: 'A port town invented for tests.',
      role: { text: 'Port', asOf: '2026-01' },
      facts: [fact('Lorvenn has a harbor and no other claim to fame.')],
      related: [],
      aliases: [{ text: 'Lorvenn' }],
    },
  ];
  return {
    format: 1,
    id: 'harbor-test',
    title: 'Harbor Accord (fictional test pack)',
    description: 'A fictional pack used by the tests.',
    language: 'en',
    revision: 1,
    period: { from: '2026-01', to: '2026-04' },
    reviewed: '2026-04-01',
    authors: ['Summit Lens tests'],
    license: 'MIT',
    minAppVersion: '0.1.0',
    entities,
    distractors: ['Lorvenn Harbor Fish Market'],
    ...changes,
  };
}

const bytesOf = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

let store: PackStore;
let storage: ReturnType<typeof memoryStorage>;
let manager: PackManager;

beforeEach(async () => {
  indexedDB.deleteDatabase('summit-lens-packs');
  store = await openPackStore();
  storage = memoryStorage();
  manager = createPackManager({ store, storage, appVersion: APP });
});
afterEach(() => store.close());

async function importPack(pack: unknown, name = 'test.slpack') {
  const bytes = typeof pack === 'object' && pack !== null && 'entities' in pack ? await writePackFile(pack as Pack) : bytesOf(pack);
  return manager.importFile({ name, bytes });
}

async function unchanged(): Promise<void> {
  expect((await store.list()).packs).toEqual([]);
  expect(storage.data).toEqual({});
}

describe('a pack, from its source folder to a file and back', () => {
  it('gives back an equal pack: source folder → file → import → detection → card → export', async () => {
    const source = await readPackSource(BUNDLED_PACK_DIR, APP);
    expect(source.problems).toEqual([]);
    const file = await writePackFile(source.pack!);
    // A newer revision of the bundled pack, as a reader would import one.
    const newer = { ...source.pack!, revision: source.pack!.revision + 1 };
    const outcome = await manager.importFile({ name: 'summit.slpack', bytes: await writePackFile(newer) });
    expect(outcome).toMatchObject({ status: 'imported', replaced: source.pack!.revision });
    const tables = parsePageTables(storage.data[PAGE_TABLES_KEY]);
    expect(tables['summit-2025']).not.toBe(BUILT_IN_TABLE);
    // The pages get the pack's probes; the background reads from what the store holds: the tables and
    // the keys' records, fetched on demand.
    expect((tables['summit-2025'] as KeyTable).probes?.length).toBeGreaterThan(10);
    const detector = createDetector({
      packs: [{ id: 'summit-2025', table: (await store.table('summit-2025'))! }],
      lookup: (pack, keys) => store.records(pack, keys),
      judge: sharedJudge,
    });
    const found = await detector.find('Mr Xi met Donald Trump at Gimhae Air Base.');
    expect(found.mentions.map((m) => m.entity)).toEqual([
      'summit-2025/xi-jinping',
      'summit-2025/donald-trump',
      'summit-2025/gimhae-air-base',
    ]);
    const stored = (await store.get('summit-2025'))!;
    const card = await buildCardData(
      { manifest: stored.manifest, bundled: false, entity: (id) => store.entity('summit-2025', id), timeline: () => stored.timeline },
      'gimhae-air-base',
    );
    expect(card?.entity.name).toBe('Gimhae Air Base');
    expect(card?.pack).toMatchObject({ id: 'summit-2025', revision: newer.revision, bundled: false });
    const exported = (await manager.exportFile('summit-2025'))!;
    expect(exported.name).toBe(`summit-2025-r${newer.revision}.slpack`);
    const back = await readPackFile(exported.bytes, exported.name);
    expect('data' in back && back.data).toEqual(JSON.parse(JSON.stringify(newer)));
    // And the file built straight from the folder reads as the folder's pack.
    const direct = await readPackFile(file, 'summit.slpack');
    expect('data' in direct && direct.data).toEqual(JSON.parse(JSON.stringify(source.pack)));
  });

  it('reads plain JSON as well as gzip', async () => {
    expect(await importPack(JSON.stringify(testPack()), 'harbor.json')).toMatchObject({ status: 'imported' });
  });
});

describe('a bad pack is refused whole, every problem named, nothing stored', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['malformed JSON', () => '{"format": 1, "id": ', /is not valid JSON/],
    ['not a pack at all', () => '[1, 2, 3]', /is not a fact pack/],
    ['a missing field', () => ({ ...testPack(), title: undefined }), /title is missing/],
    ['a wrong type', () => ({ ...testPack(), revision: 'two' }), /revision/],
    ['a newer format', () => testPack({ format: 2 }), /needs pack format 2; this Summit Lens reads format 1/],
    ['a newer app version', () => testPack({ minAppVersion: '9.0.0' }), /needs Summit Lens 9\.0\.0 or newer; this is 0\.2\.0/],
    [
      'HTML in text',
      () =>
        testPack({ entities: testPack().entities.map((e, i) => (i ? e : { ...e, summary: 'A <img src=x onerror=alert(1)> treaty.' })) }),
      /entity "harbor-accord" \(#1\): summary must be plain text, not HTML/,
    ],
    [
      'a javascript: link',
      () =>
        testPack({
          entities: testPack().entities.map((e, i) =>
            i ? e : { ...e, facts: [{ ...e.facts[0]!, sources: [{ outlet: 'X', url: 'javascript:alert(1)' }] }] },
          ),
        }),
      /facts\[0\]\.sources\[0\]\.url must be (a URL|an https URL)/,
    ],
    [
      'a hostile pattern',
      () =>
        testPack({
          entities: testPack().entities.map((e, i) => (i ? e : { ...e, patterns: [{ match: '/(a+)+$/ treaty', anchors: ['treaty'] }] })),
        }),
      /patterns\[0\]\.match .*regular expression/,
    ],
    [
      'a dangling id',
      () => testPack({ entities: testPack().entities.map((e, i) => (i ? e : { ...e, related: ['nowhere'] })) }),
      /entity "harbor-accord": related "nowhere" does not exist/,
    ],
    ['a distractor that is also an alias', () => testPack({ distractors: ['Lorvenn'] }), /distractor "lorvenn" is also an alias/],
    [
      'a title on an alias that cannot have one',
      () =>
        testPack({
          entities: testPack().entities.map((e, i) =>
            i ? { ...e, aliases: [...e.aliases, { text: 'Port', needsTitle: true as const }] } : e,
          ),
        }),
      /alias "Port" has needsTitle, which only a person's one-word alias can use/,
    ],
    [
      'a title the matcher does not read',
      () =>
        testPack({
          entities: testPack().entities.map((e, i) =>
            i
              ? {
                  ...e,
                  kind: 'person' as const,
                  aliases: [...e.aliases, { text: 'Lor', needsTitle: true as const, titles: ['Grand Vizier'] }],
                }
              : e,
          ),
        }),
      /title "Grand Vizier" is not one the matcher reads/,
    ],
    ['an impossible date', () => testPack({ reviewed: '2026-13-45' }), /reviewed must be YYYY, YYYY-MM or YYYY-MM-DD/],
    ['a field no pack has', () => ({ ...testPack(), maintainer: 'me' }), /maintainer is not a field a pack has/],
    [
      'a duplicate id',
      () => testPack({ entities: [testPack().entities[0]!, testPack().entities[0]!, testPack().entities[1]!] }),
      /id is used twice/,
    ],
    [
      'too long a string',
      () =>
        testPack({ entities: testPack().entities.map((e, i) => (i ? e : { ...e, summary: 'x'.repeat(PACK_LIMITS.chars.summary + 1) })) }),
      /summary must be at most 240 characters/,
    ],
    [
      'too many entities',
      () =>
        testPack({
          entities: Array.from({ length: PACK_LIMITS.entities + 1 }, (_, i) => ({
            ...testPack().entities[1]!,
            id: `place-${i}`,
            aliases: [{ text: `Place ${i}` }],
          })),
        }),
      /has more than 20000 entities/,
    ],
  ];

  it.each(cases)('%s', async (_, make, message) => {
    const outcome = await importPack(make());
    expect(outcome.status).toBe('refused');
    const problems = outcome.status === 'refused' ? outcome.problems : [];
    expect(problems.join('\n')).toMatch(message);
    // Every problem names the file it is in.
    for (const problem of problems) expect(problem.startsWith('test.slpack: ')).toBe(true);
    await unchanged();
  });

  it('lists every problem, not just the first', async () => {
    const bad = testPack({ title: '', entities: testPack().entities.map((e) => ({ ...e, summary: '' })) });
    const outcome = await importPack(bad);
    expect(outcome.status === 'refused' && outcome.problems.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a file over the size limit, and a small file that unpacks past it, before parsing either', async () => {
    const big = new Uint8Array(PACK_LIMITS.fileBytes + 1);
    expect(await manager.importFile({ name: 'big.slpack', bytes: big })).toMatchObject({
      status: 'refused',
      problems: [expect.stringMatching(/at most 24\.0 MB/)],
      refusal: { reason: 'too-large', limitBytes: PACK_LIMITS.fileBytes },
    });
    // A gzip bomb: a few KB of zeros' compressed form that unpacks to more than the JSON limit.
    const zeros = new Blob([new Uint8Array(PACK_LIMITS.jsonBytes + 1024) as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
    const bomb = new Uint8Array(await new Response(zeros).arrayBuffer());
    expect(bomb.length).toBeLessThan(PACK_LIMITS.fileBytes);
    expect(await manager.importFile({ name: 'bomb.slpack', bytes: bomb })).toMatchObject({
      status: 'refused',
      problems: [expect.stringMatching(/unpacks to more than 96\.0 MB/)],
      refusal: { reason: 'too-large', limitBytes: PACK_LIMITS.jsonBytes },
    });
    const cut = (await writePackFile(testPack())).slice(0, 40);
    expect(await manager.importFile({ name: 'cut.slpack', bytes: cut })).toMatchObject({
      status: 'refused',
      problems: [expect.stringMatching(/not a complete gzip file/)],
      refusal: { reason: 'not-a-pack' },
    });
    await unchanged();
  });

  it("says why in a form the Packs view words in the reader's language, where one reason covers the whole file", async () => {
    expect(await manager.importFile({ name: 'empty.slpack', bytes: new Uint8Array() })).toMatchObject({ refusal: { reason: 'empty' } });
    expect(await importPack('[1, 2, 3]')).toMatchObject({ refusal: { reason: 'not-a-pack' } });
    expect(await importPack('{"format": 1, "id": ')).toMatchObject({ refusal: { reason: 'not-a-pack' } });
    expect(await importPack(testPack({ format: 2 }))).toMatchObject({ refusal: { reason: 'newer-format', format: 2 } });
    expect(await importPack(testPack({ minAppVersion: '9.0.0' }))).toMatchObject({ refusal: { reason: 'newer-app', version: '9.0.0' } });
    // Field-level problems have no one reason: the lines say it, in the format's English.
    expect(await importPack({ ...testPack(), title: undefined })).not.toHaveProperty('refusal');
    await unchanged();
  });
});

describe('event patterns', () => {
  it('accept the grammar packs use', () => {
    for (const entity of bundledPack().entities)
      for (const { match } of entity.patterns ?? []) expect(patternProblems(match), match).toEqual([]);
  });

  it('refuse anything that could make matching run away, naming it', () => {
    expect(patternProblems('/(a|a)*b/')[0]).toMatch(/regular expression/);
    expect(patternProblems('talks *')[0]).toMatch(/"\*" is not a plain word/);
    expect(patternProblems('talks .')[0]).toMatch(/not a plain word/);
    expect(patternProblems('(talks (in|at)) x')[0]).toMatch(/nested/);
    expect(patternProblems('#Hacker talks')[0]).toMatch(/not a tag/);
    expect(patternProblems(`(${Array.from({ length: 21 }, (_, i) => `w${i}`).join('|')})`)[0]).toMatch(/more than 20 choices/);
    expect(patternProblems(Array.from({ length: 13 }, () => 'w').join(' '))[0]).toMatch(/more than 12 items/);
  });
});

describe('revisions, switches and removal', () => {
  it('says so when a revision is not newer, and changes nothing', async () => {
    await importPack(testPack({ revision: 3 }));
    const before = structuredClone(storage.data);
    expect(await importPack(testPack({ revision: 3, title: 'Changed (fictional)' }))).toMatchObject({ status: 'not-newer', installed: 3 });
    expect(await importPack(testPack({ revision: 2 }))).toMatchObject({ status: 'not-newer', installed: 3 });
    expect(storage.data).toEqual(before);
    expect((await store.get('harbor-test'))!.manifest.title).toBe('Harbor Accord (fictional test pack)');
    expect(await importPack(bundledPack())).toMatchObject({ status: 'not-newer', installed: bundledPack().revision });
  });

  it('keeps the tables every page reads in line with the switches', async () => {
    // A new install stores nothing: the bundled pack alone is the default.
    expect(storage.data[PAGE_TABLES_KEY]).toBeUndefined();
    await importPack(testPack());
    expect(Object.keys(parsePageTables(storage.data[PAGE_TABLES_KEY]))).toEqual(['summit-2025', 'harbor-test']);
    await manager.setEnabled('summit-2025', false);
    expect(Object.keys(parsePageTables(storage.data[PAGE_TABLES_KEY]))).toEqual(['harbor-test']);
    await manager.setEnabled('harbor-test', false);
    expect(parsePageTables(storage.data[PAGE_TABLES_KEY])).toEqual({});
    await manager.setEnabled('summit-2025', true);
    await manager.remove('harbor-test');
    expect(storage.data[PAGE_TABLES_KEY]).toBeUndefined();
    expect(storage.data[PACK_STATES_KEY]).toEqual({ 'summit-2025': { enabled: true } });
    await expect(manager.remove('summit-2025')).rejects.toThrow(/cannot be removed/);
  });

  it('goes back to the bundled pack when its imported revision is removed', async () => {
    const bundled = bundledPack().revision;
    await importPack({ ...bundledPack(), revision: bundled + 1 });
    const listed = await manager.list();
    expect(listed.packs.map((p) => [p.manifest.id, p.manifest.revision, p.replacesBundled])).toEqual([['summit-2025', bundled + 1, true]]);
    await manager.remove('summit-2025');
    expect((await manager.list()).packs.map((p) => [p.manifest.id, p.manifest.revision, p.bundled])).toEqual([
      ['summit-2025', bundled, true],
    ]);
    expect(storage.data[PAGE_TABLES_KEY]).toBeUndefined();
  });

  it('sets a stored pack that no longer reads aside, and keeps the others working', async () => {
    await importPack(testPack());
    await importPack(testPack({ id: 'other-test', title: 'Other (fictional test pack)' }));
    // Damage one record the way a broken profile might.
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('summit-lens-packs');
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise<void>((resolve) => {
      const tx = raw.transaction('packs', 'readwrite');
      tx.objectStore('packs').put({ id: 'other-test', manifest: 'garbage' });
      tx.oncomplete = () => resolve();
    });
    raw.close();
    const listed = await manager.list();
    expect(listed.broken.map((b) => b.id)).toEqual(['other-test']);
    expect(listed.packs.map((p) => p.manifest.id)).toEqual(['summit-2025', 'harbor-test']);
    expect((await store.records('harbor-test', ['lorvenn'])).get('lorvenn')?.entries[0]?.entity).toBe('harbor-test/lorvenn');
  });
});

describe('checking a pack in memory', () => {
  it('passes the bundled pack, and names file, entity and field for each problem', () => {
    expect(checkPack(bundledPack(), { file: 'summit.slpack', appVersion: APP }).problems).toEqual([]);
    const bad = testPack({ entities: testPack().entities.map((e, i) => (i ? e : { ...e, kind: 'planet' as Entity['kind'] })) });
    expect(checkPack(bad, { file: 'x.slpack', appVersion: APP }).problems[0]).toMatch(
      /^x\.slpack: entity "harbor-accord" \(#1\): kind must be one of/,
    );
  });
});
