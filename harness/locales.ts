import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The locales the extension ships (folders of _locales) and the BCP 47 tag a browser is started with for each. */
export const LOCALES = { en: 'en', ko: 'ko', zh_CN: 'zh-CN', ja: 'ja' } as const;
export type LocaleFolder = keyof typeof LOCALES;

const catalogues = new Map<string, Record<string, { message: string }>>();

/**
 * A message's text as a locale's catalogue has it, placeholders left in (tests and scripts look for
 * what the extension should show, and so follow the catalogues when a translation changes).
 */
export function catalogueMessage(locale: LocaleFolder, key: string): string {
  let catalogue = catalogues.get(locale);
  if (!catalogue) {
    catalogue = JSON.parse(readFileSync(resolve(import.meta.dirname, '../_locales', locale, 'messages.json'), 'utf8')) as Record<
      string,
      { message: string }
    >;
    catalogues.set(locale, catalogue);
  }
  const entry = catalogue[key];
  if (!entry) throw new Error(`_locales/${locale} has no message "${key}"`);
  return entry.message;
}

/** The folder name for a tag or folder given on a command line ("zh-CN", "zh_CN", "ko"), or undefined. */
export function localeFolder(given: string): LocaleFolder | undefined {
  const folder = given.replace('-', '_');
  return folder in LOCALES ? (folder as LocaleFolder) : undefined;
}
