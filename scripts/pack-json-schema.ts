/**
 * `npm run pack:schema` writes the JSON Schema files in schemas/ from the valibot schemas in
 * src/core/packs/schema.ts, so that a pack author's editor can check and complete a pack's files
 * as they are typed. `npm run pack:schema -- --check` writes nothing and exits 1 if the committed
 * files differ from what would be written (tests/unit/pack-json-schema.test.ts checks the same).
 *
 * The valibot schemas stay the one truth, and what an import accepts is decided by them alone
 * (`npm run pack -- validate`). The JSON Schema says what JSON Schema can say: types, enums,
 * required and optional fields, lengths and counts, the patterns of v.regex and v.startsWith, and
 * no unknown fields where valibot has a strictObject. What it cannot say is left out on purpose:
 *
 * - v.trim() is a transformation (an import reads " Xi " as "Xi"): it is skipped (`ignoreActions`).
 * - v.check() and v.rawCheck() run code (plain text, not HTML; an alias starts with a letter or
 *   digit; a pattern fits the grammar; a period does not end before it starts): `overrideAction`
 *   keeps the field's schema as converted so far and adds the check's message to its description,
 *   so an editor shows the rule even though it cannot enforce it.
 *
 * Anything else the converter cannot express still stops the generation (errorMode "throw"): a
 * new kind of rule in schema.ts needs a decision here, not a silent gap.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import * as prettier from 'prettier';
import type * as v from 'valibot';
import { PACK_FORMAT } from '../src/core/packs/limits.ts';
import { EntityFileSchema, PackSchema, SourceManifestSchema } from '../src/core/packs/schema.ts';

const root = resolve(import.meta.dirname, '..');
export const SCHEMA_DIR = resolve(root, 'schemas');

const NOT_HERE = 'Checked on import (not by this JSON Schema):';

const config: ConversionConfig = {
  target: 'draft-07',
  errorMode: 'throw',
  ignoreActions: ['trim'],
  overrideAction({ valibotAction, jsonSchema }) {
    if (valibotAction.type !== 'check' && valibotAction.type !== 'raw_check') return undefined;
    // rawCheck carries no message of its own (its one use is the event-pattern grammar).
    const message = (valibotAction as { message?: unknown }).message;
    const rule = typeof message === 'string' && message ? message : 'a further rule (see docs/packs.md)';
    const { description } = jsonSchema;
    // Two checks on one field read as one sentence: "…: must be plain text, not HTML; must start with a letter or digit."
    const merged = description?.startsWith(NOT_HERE) ? `${description.replace(/\.$/, '')}; ${rule}.` : `${NOT_HERE} ${rule}.`;
    return { ...jsonSchema, description: description && !description.startsWith(NOT_HERE) ? `${description} ${merged}` : merged };
  },
};

/** One generated file: where it goes, what it describes, and the valibot schema it comes from. */
interface SchemaFile {
  file: string;
  title: string;
  description: string;
  schema: v.GenericSchema;
}

const COMMON =
  `Generated from src/core/packs/schema.ts by scripts/pack-json-schema.ts (pack format ${PACK_FORMAT}); do not edit by hand. ` +
  'It checks shapes, types, lengths and patterns; an import also refuses markup in text, a pattern outside the grammar, ' +
  'links between entities that do not resolve and aliases that collide: run `npm run pack -- validate` for the full check. See docs/packs.md.';

export const SCHEMA_FILES: readonly SchemaFile[] = [
  {
    file: 'pack.schema.json',
    title: 'Summit Lens fact pack (built file)',
    description: `A whole fact pack as one JSON document: the manifest, every entity and the distractors (a .slpack file is this, gzip-compressed). ${COMMON}`,
    schema: PackSchema,
  },
  {
    file: 'pack-source.schema.json',
    title: 'Summit Lens fact pack: pack.json of a source folder',
    description: `The manifest of a pack's source folder, with the data files it is built from. ${COMMON}`,
    schema: SourceManifestSchema,
  },
  {
    file: 'pack-entities.schema.json',
    title: 'Summit Lens fact pack: entity data file',
    description: `One data file of a pack's source folder: { "entities": [...] }, listed in pack.json's "files". ${COMMON}`,
    schema: EntityFileSchema,
  },
];

/** The JSON Schema of one file, with its identity first. */
export function jsonSchemaOf({ file, title, description, schema }: SchemaFile): JsonSchema {
  const { $schema, ...body } = toJsonSchema(schema, config);
  return { $schema, $id: `urn:summit-lens:schema:${file.replace(/\.schema\.json$/, '')}`, title, description, ...body };
}

/** The text of every file as it should be committed, formatted as the repository's prettier formats JSON. */
export async function generateSchemaFiles(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of SCHEMA_FILES) {
    const path = resolve(SCHEMA_DIR, entry.file);
    const options = (await prettier.resolveConfig(path)) ?? {};
    out.set(path, await prettier.format(JSON.stringify(jsonSchemaOf(entry), null, 2), { ...options, filepath: path }));
  }
  return out;
}

/** The files whose committed text differs from what would be generated (missing ones included). */
export async function staleSchemaFiles(): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, text] of await generateSchemaFiles()) {
    const committed = await readFile(path, 'utf8').catch(() => undefined);
    if (committed !== text) stale.push(path);
  }
  return stale;
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length) {
    process.stderr.write(`pack-json-schema: unknown argument ${unknown.join(' ')}\nUsage: npm run pack:schema [-- --check]\n`);
    return 2;
  }
  if (args.includes('--check')) {
    const stale = await staleSchemaFiles();
    if (stale.length) {
      process.stderr.write(
        `pack-json-schema: ${stale.map((p) => relative(root, p)).join(', ')} ${stale.length === 1 ? 'is' : 'are'} out of date ` +
          'with src/core/packs/schema.ts (or missing). Run `npm run pack:schema` and commit the result.\n',
      );
      return 1;
    }
    process.stdout.write(`pack-json-schema: ${SCHEMA_FILES.length} schema files are up to date.\n`);
    return 0;
  }
  await mkdir(SCHEMA_DIR, { recursive: true });
  for (const [path, text] of await generateSchemaFiles()) {
    await writeFile(path, text);
    process.stdout.write(`wrote ${relative(root, path)}\n`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
