/**
 * Store zips that are the same bytes whenever and wherever they are built: entries sorted by
 * path, every entry dated 1 January 2000 (a zip stores local date fields, so the date is made
 * from local fields too and reads the same in every time zone), fixed attributes, one compression
 * level. fflate writes no extra fields unless asked, so nothing else of the machine gets in.
 * (web-ext build, used before, stamps each entry with the file's mtime.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

const FIXED_DATE = new Date(2000, 0, 1, 0, 0, 0);

/** Every file under `dir`, as zip paths (forward slashes), sorted by code unit. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function reproducibleZip(dir: string): Uint8Array {
  const files: Zippable = {};
  for (const path of filesUnder(dir)) {
    files[path] = [readFileSync(join(dir, path)), { mtime: FIXED_DATE, level: 9, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(files);
}
