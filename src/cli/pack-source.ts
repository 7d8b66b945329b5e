import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as v from 'valibot';
import { readPackFile } from '../core/packs/file.ts';
import { DistractorFileSchema, EntityFileSchema, SourceManifestSchema, type Pack } from '../core/packs/schema.ts';
import { checkPack, message, versionProblems, type Checked } from '../core/packs/validate.ts';

/** A JSON file of a pack's source folder, or the problem reading it. */
async function readJson(path: string, name: string): Promise<{ data: unknown } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `${name}: cannot be read (${code === 'ENOENT' ? 'no such file' : String(code ?? error)})` };
  }
  try {
    return { data: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `${name}: is not valid JSON (${(error as Error).message})` };
  }
}

/** Every issue of one file against its schema, each naming the file, the entity and the field. */
function fileProblems(name: string, schema: v.GenericSchema, data: unknown): string[] {
  const result = v.safeParse(schema, data);
  if (result.success) return [];
  const entities = (data as { entities?: unknown } | null)?.entities;
  return result.issues.map((issue) => {
    const path = issue.path ?? [];
    const index = path[1]?.key;
    const entity = typeof index === 'number' && Array.isArray(entities) ? (entities[index] as { id?: unknown } | undefined) : undefined;
    const who =
      path[0]?.key === 'entities' && typeof index === 'number'
        ? typeof entity?.id === 'string'
          ? `entity "${entity.id}"`
          : `entity #${index + 1}`
        : '';
    const field = path
      .slice(who ? 2 : 0)
      .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
      .join('')
      .replace(/^\./, '');
    return `${name}: ${who ? `${who}: ` : ''}${field || '(the file)'} ${message(issue)}`;
  });
}

/**
 * A pack's source folder (pack.json and the data files it lists) assembled into the pack and
 * checked as an import would check it: every problem named by file, entity and field.
 */
export async function readPackSource(dir: string, appVersion: string): Promise<Checked> {
  const manifestRead = await readJson(join(dir, 'pack.json'), 'pack.json');
  if ('problem' in manifestRead) return { problems: [manifestRead.problem] };
  // A pack for a newer Summit Lens says what it needs before anything this build does not know.
  const data = manifestRead.data;
  const version = typeof data === 'object' && data !== null ? versionProblems(data as Record<string, unknown>, appVersion) : [];
  if (version.length) return { problems: version.map((p) => `pack.json: ${p}`) };
  const manifestProblems = fileProblems('pack.json', SourceManifestSchema, manifestRead.data);
  if (manifestProblems.length) return { problems: manifestProblems };
  const { $schema: _schema, files, distractors: distractorFile, ...manifest } = v.parse(SourceManifestSchema, manifestRead.data);
  const problems: string[] = [];
  const entities: unknown[] = [];
  for (const file of files) {
    const read = await readJson(join(dir, file), file);
    if ('problem' in read) problems.push(read.problem);
    else {
      const found = fileProblems(file, EntityFileSchema, read.data);
      problems.push(...found);
      if (!found.length) entities.push(...(read.data as { entities: unknown[] }).entities);
    }
  }
  let distractors: string[] = [];
  if (distractorFile) {
    const read = await readJson(join(dir, distractorFile), distractorFile);
    if ('problem' in read) problems.push(read.problem);
    else {
      const found = fileProblems(distractorFile, DistractorFileSchema, read.data);
      problems.push(...found);
      if (!found.length) distractors = (read.data as { phrases: string[] }).phrases;
    }
  }
  if (problems.length) return { problems };
  return checkPack({ ...manifest, entities, distractors }, { file: basename(dir), appVersion });
}

/** A pack from PATH: a source folder, or a built file (.slpack, or its plain .json). */
export async function readPackAt(path: string, appVersion: string): Promise<Checked> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    return { problems: [`${path}: no such file or folder`] };
  }
  if (isDir) return readPackSource(path, appVersion);
  const bytes = await readFile(path);
  const read = await readPackFile(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path));
  if ('problems' in read) return { problems: read.problems };
  return checkPack(read.data, { file: basename(path), appVersion });
}

export type { Pack };
