import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSchemaFiles, SCHEMA_DIR } from '../../scripts/pack-json-schema.ts';
import { APP_VERSION, BUNDLED_PACK_DIR } from '../../scripts/check-pack.ts';
import { readPackSource } from '../../src/cli/pack-source.ts';
import { PACK_LIMITS } from '../../src/core/packs/limits.ts';
import { KINDS } from '../../src/core/types.ts';

type Schema = Record<string, unknown>;

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const schemaFile = (name: string): Schema => readJson(resolve(SCHEMA_DIR, name)) as Schema;
const bundled = (name: string): unknown => readJson(resolve(BUNDLED_PACK_DIR, name));

/** The keywords the generator writes. The checker below knows each of them; a new one fails the test instead of being skipped. */
const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'enum',
  'const',
  'minimum',
  'anyOf',
]);

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/**
 * A small JSON Schema (draft-07) checker for the keywords the generated schemas use, so the test
 * needs no validator library. Strings count code points, as JSON Schema does; patterns are
 * ECMA-262 with the u flag. `format` is an annotation here.
 */
function problems(schema: Schema, value: unknown, at = '$'): string[] {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length) return [`${at}: the schema uses ${unknown.join(', ')}, which this checker does not know`];
  const out: string[] = [];
  if (Array.isArray(schema.anyOf)) {
    const forms = (schema.anyOf as Schema[]).map((form) => problems(form, value, at));
    if (!forms.some((p) => p.length === 0))
      out.push(`${at}: matches none of its ${forms.length} forms (${forms.map((p) => p[0]).join('; ')})`);
  }
  if (schema.type !== undefined) {
    const actual = typeOf(value);
    const ok = schema.type === actual || (schema.type === 'number' && actual === 'integer');
    if (!ok) return [`${at}: expected ${String(schema.type)}, got ${actual}`];
  }
  if ('const' in schema && value !== schema.const) out.push(`${at}: must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${at}: must be one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) out.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) out.push(`${at}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      out.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) out.push(`${at}: below ${schema.minimum}`);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) out.push(`${at}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) out.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => out.push(...problems(schema.items as Schema, item, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) out.push(`${at}: lacks required "${key}"`);
    for (const [key, item] of Object.entries(object)) {
      if (properties[key]) out.push(...problems(properties[key], item, `${at}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${at}: has no field "${key}"`);
    }
  }
  return out;
}

const source = schemaFile('pack-source.schema.json');
const entities = schemaFile('pack-entities.schema.json');
const built = schemaFile('pack.schema.json');
const entitySchema = (entities.properties as { entities: { items: Schema } }).entities.items;
const entityProperties = entitySchema.properties as Record<string, Schema>;

describe('the JSON Schema files in schemas/', () => {
  it('are exactly what scripts/pack-json-schema.ts generates from the valibot schemas (run `npm run pack:schema`)', async () => {
    const generated = await generateSchemaFiles();
    expect([...generated.keys()].map((p) => p.slice(SCHEMA_DIR.length + 1)).sort()).toEqual([
      'pack-entities.schema.json',
      'pack-source.schema.json',
      'pack.schema.json',
    ]);
    for (const [path, text] of generated) expect(readFileSync(path, 'utf8'), path).toBe(text);
  });

  it('each say what they are', () => {
    for (const schema of [source, entities, built]) {
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(schema.$id).toMatch(/^urn:summit-lens:schema:/);
      expect(schema.title).toMatch(/Summit Lens fact pack/);
      expect(schema.description).toMatch(/do not edit by hand/);
    }
  });

  it('keep what JSON Schema can express: required fields, no unknown fields, enums, limits, patterns', () => {
    expect(source.required).toEqual(
      expect.arrayContaining(['format', 'id', 'title', 'description', 'language', 'revision', 'period', 'reviewed', 'authors']),
    );
    expect(source.required).toEqual(expect.arrayContaining(['license', 'minAppVersion', 'files']));
    expect(source.required).not.toContain('$schema');
    expect(source.additionalProperties).toBe(false);
    expect(built.required).toEqual(expect.arrayContaining(['entities', 'distractors', 'minAppVersion']));
    expect(built.additionalProperties).toBe(false);
    expect(entities.additionalProperties).toBe(false);

    expect(entitySchema.required).toEqual(['id', 'kind', 'name', 'type', 'summary', 'role', 'facts', 'related', 'aliases']);
    expect(entitySchema.additionalProperties).toBe(false);
    expect(entityProperties.kind).toMatchObject({ type: 'string', enum: [...KINDS] });
    expect(entityProperties.summary).toMatchObject({ minLength: 1, maxLength: PACK_LIMITS.chars.summary });
    expect(entityProperties.id).toMatchObject({ maxLength: PACK_LIMITS.chars.id, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
    expect(entityProperties.aliases).toMatchObject({ minItems: 1, maxItems: PACK_LIMITS.aliasesPerEntity });
    const fact = (entityProperties.facts as { items: Schema }).items;
    const { url } = (fact.properties as { sources: { items: { properties: { url: Schema } } } }).sources.items.properties;
    expect(url).toMatchObject({ type: 'string', pattern: '^https://', maxLength: PACK_LIMITS.chars.url });
    expect((built.properties as { entities: Schema }).entities).toMatchObject({ maxItems: PACK_LIMITS.entities });
  });

  it('name the checks they cannot make, instead of dropping them silently', () => {
    expect(entityProperties.summary!.description).toMatch(/Checked on import .*: must be plain text, not HTML/);
    const alias = (entityProperties.aliases as { items: { properties: { text: Schema } } }).items.properties.text;
    expect(alias.description).toMatch(/must start with a letter or digit/);
    expect((source.properties as { period: Schema }).period.description).toMatch(/must not end before it starts/);
  });

  it('accept the bundled pack: its pack.json, every data file, and the pack built from them', async () => {
    const manifest = bundled('pack.json') as { files: string[] };
    expect(problems(source, manifest)).toEqual([]);
    for (const file of manifest.files) expect(problems(entities, bundled(file)), file).toEqual([]);
    const checked = await readPackSource(BUNDLED_PACK_DIR, APP_VERSION);
    expect(checked.problems).toEqual([]);
    expect(problems(built, checked.pack)).toEqual([]);
  });

  it('refuse what the valibot schemas refuse, where JSON Schema can say so', () => {
    const manifest = bundled('pack.json') as Record<string, unknown>;
    expect(problems(source, { ...manifest, owner: 'someone' })).toEqual(['$: has no field "owner"']);
    const { license: _license, ...unlicensed } = manifest;
    expect(problems(source, unlicensed)).toEqual(['$: lacks required "license"']);
    expect(problems(source, { ...manifest, homepage: 'http://example.org/' })).toEqual(['$.homepage: does not match ^https://']);

    const people = bundled('people.json') as { entities: Record<string, unknown>[] };
    const [first, ...rest] = people.entities;
    const broken = { entities: [{ ...first, kind: 'celebrity', id: 'Donald Trump', summary: 'x'.repeat(241) }, ...rest] };
    expect(problems(entities, broken)).toEqual([
      '$.entities[0].id: does not match ^[a-z0-9]+(?:-[a-z0-9]+)*$',
      '$.entities[0].kind: must be one of person, place, organization, event, topic',
      '$.entities[0].summary: longer than 240',
    ]);
  });
});
