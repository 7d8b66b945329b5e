import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import liveNlp from 'compromise/two';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSet, type SetName } from '../../scripts/eval-lib.ts';
import { compromiseSnapshotPlugin, prebuiltNetSource, quickMergeSource } from '../../scripts/compromise-snapshot-plugin.ts';

const root = resolve(import.meta.dirname, '../..');
const ENTRY = 'virtual:compromise-two';
const SETS: SetName[] = ['dev', 'holdout', 'holdout-blind', 'real-classes'];

/** compromise/two bundled as nlp.js bundles it, with the snapshot plugin, then loaded: a second compromise beside the live one. */
async function snapshotNlp(dir: string): Promise<{ nlp: typeof liveNlp; code: string }> {
  const output = (await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [
      compromiseSnapshotPlugin(root),
      {
        name: 'entry',
        resolveId: (id) => (id === ENTRY ? `\0${ENTRY}` : undefined),
        load: (id) => (id === `\0${ENTRY}` ? "export { default } from 'compromise/two';" : undefined),
      },
    ],
    build: { write: false, minify: false, rolldownOptions: { input: ENTRY, preserveEntrySignatures: 'strict', output: { format: 'es' } } },
  })) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;
  const [chunk] = (Array.isArray(output) ? output[0]! : output).output;
  const file = join(dir, 'compromise-two.mjs');
  writeFileSync(file, chunk.code);
  return { nlp: ((await import(pathToFileURL(file).href)) as { default: typeof liveNlp }).default, code: chunk.code };
}

/** compromise's world: its types leave it as a bare object. */
const modelOf = (nlp: typeof liveNlp): unknown => (nlp.world() as { model: unknown }).model;

/** What compromise says of each term of a text, without the term ids it numbers afresh per document. */
function reading(nlp: typeof liveNlp, text: string): unknown {
  const sentences = nlp(text).json({ offset: true }) as { terms: Record<string, unknown>[] }[];
  return sentences.map(({ terms, ...sentence }) => ({ ...sentence, terms: terms.map(({ id: _id, ...term }) => term) }));
}

describe("compromise's model built into the bundle (scripts/compromise-snapshot-plugin.ts)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'summit-lens-snapshot-'));
  let snapshot: typeof liveNlp;
  let code: string;
  beforeAll(async () => {
    ({ nlp: snapshot, code } = await snapshotNlp(dir));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a compromise of its own, not the live one', () => {
    expect(snapshot).not.toBe(liveNlp);
    expect(modelOf(snapshot)).not.toBe(modelOf(liveNlp));
  });

  it("takes the plugins' models whole and the post-tagger's net from the build: both replacements applied", () => {
    // A transform that silently did not apply would leave a correct but slower compromise.
    expect(code).toContain('function leavesInto(few, many)');
    expect(code).not.toContain('Object.assign(model, { [key]: {} })');
    expect(code).toContain('rebuildNet(JSON.parse(');
  });

  it("leaves compromise's world the same as compromise builds it", () => {
    expect(modelOf(snapshot)).toStrictEqual(modelOf(liveNlp));
  });

  it("tags with the post-tagger's net from the snapshot, never building it", () => {
    const methods = (snapshot.world() as { methods: { one: { buildNet: (...args: unknown[]) => unknown } } }).methods.one;
    const buildNet = methods.buildNet;
    let built = 0;
    methods.buildNet = (...args) => {
      built += 1;
      return buildNet(...args);
    };
    try {
      expect(snapshot('Trump and Xi met in Busan on Thursday.').has('#Verb')).toBe(true);
    } finally {
      methods.buildNet = buildNet;
    }
    expect(built).toBe(0);
  });

  it.each(SETS)('tags every text of the %s eval set as compromise does', (name) => {
    const items = loadSet(name);
    expect(items.length).toBeGreaterThan(0);
    for (const { id, text } of items) {
      expect({ id, reading: reading(snapshot, text) }).toStrictEqual({ id, reading: reading(liveNlp, text) });
    }
  });

  it('refuses a compromise whose merge or post-tagger no longer reads as expected', () => {
    expect(() => quickMergeSource('function mergeDeep() {}')).toThrow(/no longer reads/);
    expect(() => prebuiltNetSource('let net = undefined')).toThrow(/no longer reads/);
  });
});
