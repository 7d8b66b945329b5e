import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interfaceLocale, plural, t } from '../../src/common/i18n.ts';
import { LOCALES_DIR, readCatalogue, resolveMessage, type Catalogue } from '../support/fake-i18n.ts';
import { useUiLanguage } from './setup.ts';

const LOCALES = readdirSync(LOCALES_DIR).sort();
const en = readCatalogue('en')!;
const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;
/** Plural messages by their base name ("popupMentions"), from the English catalogue's `…_other`. */
const pluralBases = new Set(Object.keys(en).flatMap((key) => (key.endsWith('_other') ? [key.slice(0, -'_other'.length)] : [])));
const placeholderNames = (catalogue: Catalogue, key: string): string[] => Object.keys(catalogue[key]!.placeholders ?? {}).sort();
/** The BCP 47 tag of a locale folder: zh_CN → zh-CN. */
const tagOf = (locale: string): string => locale.replace('_', '-');

describe('the catalogues', () => {
  it('are the four the extension ships, with English the default', () => {
    expect(LOCALES).toEqual(['en', 'ja', 'ko', 'zh_CN']);
    const manifest = JSON.parse(readFileSync(join(LOCALES_DIR, '..', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.default_locale).toBe('en');
  });

  it.each(LOCALES)('%s has every key English has and none it lacks, plural forms apart', (locale) => {
    const catalogue = readCatalogue(locale)!;
    const singular = (c: Catalogue) => Object.keys(c).filter((k) => !PLURAL.test(k) || !pluralBases.has(PLURAL.exec(k)![1]!));
    expect(singular(catalogue).sort()).toEqual(singular(en).sort());
    // Chrome reads message names without regard to case: two that differ only in case would be one.
    const lower = Object.keys(catalogue).map((k) => k.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    for (const key of Object.keys(catalogue)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it.each(LOCALES)('%s has exactly the plural forms its language needs', (locale) => {
    const catalogue = readCatalogue(locale)!;
    const needed = new Intl.PluralRules(tagOf(locale)).resolvedOptions().pluralCategories.sort();
    for (const base of pluralBases) {
      const forms = Object.keys(catalogue)
        .filter((k) => PLURAL.exec(k)?.[1] === base)
        .map((k) => PLURAL.exec(k)![2]!)
        .sort();
      expect(forms, `${locale}: ${base}`).toEqual(needed);
    }
    // No stray plural form of a message English does not have in plural.
    for (const key of Object.keys(catalogue)) {
      const match = PLURAL.exec(key);
      if (match && !(key in en)) expect(pluralBases.has(match[1]!), `${locale}: ${key}`).toBe(true);
    }
  });

  it.each(LOCALES)('%s: every message has the placeholders English has, numbered in the order the helper passes them', (locale) => {
    const catalogue = readCatalogue(locale)!;
    for (const [key, entry] of Object.entries(catalogue)) {
      const base = PLURAL.exec(key) && pluralBases.has(PLURAL.exec(key)![1]!) ? `${PLURAL.exec(key)![1]}_other` : key;
      const names = placeholderNames(catalogue, key);
      expect(names, `${locale}: ${key}`).toEqual(placeholderNames(en, base));
      // The helper passes values by name, in alphabetical order: $1 is the first name.
      names.forEach((name, i) => expect(entry.placeholders![name]!.content, `${locale}: ${key} ${name}`).toBe(`$${i + 1}`));
      // Every $NAME$ in the text is one of them, and every one but a plural's count is used.
      const used = [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase());
      for (const name of used) expect(names, `${locale}: ${key} uses $${name.toUpperCase()}$`).toContain(name);
      for (const name of names)
        if (!(name === 'count' && base !== key && locale === 'en')) expect(used, `${locale}: ${key} leaves out $${name}$`).toContain(name);
      // A filled message has no placeholder syntax left, and none of its text is lost.
      const filled = resolveMessage(
        entry,
        names.map((n) => `<${n}>`),
      );
      expect(filled, `${locale}: ${key}`).not.toMatch(/\$[A-Za-z0-9_]+\$|\$[1-9]/);
      expect(entry.message.trim(), `${locale}: ${key}`).toBe(entry.message);
      expect(entry.message.length, `${locale}: ${key}`).toBeGreaterThan(0);
    }
  });

  it.each(LOCALES)('%s says which language it is in', (locale) => {
    expect(readCatalogue(locale)!.interfaceLocale!.message).toBe(tagOf(locale));
  });

  it('keep the manifest description within the Chrome Web Store limit of 132 characters', () => {
    for (const locale of LOCALES) expect([...readCatalogue(locale)!.extDescription!.message].length).toBeLessThanOrEqual(132);
  });
});

describe('the i18n helper', () => {
  it('fills placeholders by name, whatever their order in the sentence', () => {
    expect(t('importStoring', { done: 5, total: 1200 })).toBe('Storing: 5 of 1,200 records');
    useUiLanguage('ko');
    expect(t('importStoring', { done: 5, total: 1200 })).toBe('저장 중: 레코드 1,200개 중 5개');
    useUiLanguage('ja');
    expect(t('importStoring', { done: 5, total: 1200 })).toBe('保存中: 1,200 件中 5 件');
  });

  it('picks the plural form the language needs', () => {
    expect(plural('popupMentions', 1)).toBe('1 mention');
    expect(plural('popupMentions', 2)).toBe('2 mentions');
    expect(plural('popupMentions', 0)).toBe('0 mentions');
    useUiLanguage('ko');
    expect(plural('popupMentions', 1)).toBe('언급 1회');
    useUiLanguage('zh-CN');
    expect(plural('popupMentions', 1)).toBe('提及 1 次');
  });

  it('takes the interface locale from the catalogue in use, refined by the UI language where they agree', () => {
    useUiLanguage('en-GB');
    expect(interfaceLocale()).toBe('en-GB');
    useUiLanguage('ko-KR');
    expect(interfaceLocale()).toBe('ko-KR');
    useUiLanguage('zh-TW');
    // Chrome has no zh_TW catalogue here and falls back to English; the dates follow the words.
    expect(interfaceLocale()).toBe('en');
    useUiLanguage('zh-CN');
    expect(interfaceLocale()).toBe('zh-CN');
    useUiLanguage('de');
    expect(interfaceLocale()).toBe('en');
    expect(t('packs')).toBe('Packs');
  });
});
