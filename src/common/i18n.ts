import { warn } from '../core/log.ts';
/**
 * Every word of the interface comes from `_locales/<locale>/messages.json` through these few
 * functions. The keys are typed from the English catalogue by a type-only import (nothing of the
 * JSON is bundled), so a key that does not exist, or a placeholder left out, is a type error rather
 * than an empty label. The browser picks the catalogue (`chrome.i18n`, present in content scripts,
 * extension pages and the background of both browsers).
 *
 * Placeholders are passed by name; the browser takes them by position ($1, $2…): a message's
 * placeholders are numbered in the alphabetical order of their names (tests/unit/locales.test.ts
 * holds every catalogue to that).
 */

type Catalog = typeof import('../../_locales/en/messages.json');
type AnyKey = keyof Catalog & string;

/** Messages with plural forms: `name_one`, `name_other`…; `plural('name', n)` picks the form. */
export type PluralKey = AnyKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;
export type MessageKey = Exclude<AnyKey, `${PluralKey}_${string}`>;

type PlaceholderName<K extends AnyKey> = Catalog[K] extends { placeholders: infer P } ? keyof P & string : never;
type Substitutions<K extends AnyKey> = [PlaceholderName<K>] extends [never] ? [] : [values: Record<PlaceholderName<K>, string | number>];
type PluralSubstitutions<B extends PluralKey> = [Exclude<PlaceholderName<`${B}_other`>, 'count'>] extends [never]
  ? []
  : [values: Record<Exclude<PlaceholderName<`${B}_other`>, 'count'>, string | number>];

interface I18nApi {
  getMessage(name: string, substitutions?: string[]): string;
  getUILanguage(): string;
}

function api(): I18nApi {
  const scope = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  const i18n = scope.chrome?.i18n ?? scope.browser?.i18n;
  if (!i18n) throw new Error('Summit Lens: no i18n API here (chrome.i18n)');
  return i18n;
}

let numbers: Intl.NumberFormat | undefined;

function lookUp(key: string, values: Record<string, string | number> | undefined): string {
  const positional = values
    ? Object.keys(values)
        .sort()
        .map((name) => {
          const value = values[name]!;
          return typeof value === 'number' ? (numbers ??= new Intl.NumberFormat(interfaceLocale())).format(value) : value;
        })
    : undefined;
  const text = api().getMessage(key, positional);
  // A catalogue that lost a message (the types and tests keep this from happening) shows its key, never a blank.
  if (!text) warn(`no message "${key}"`);
  return text || key;
}

/** The message `key` in the interface's language, with its placeholders filled. */
export function t<K extends MessageKey>(key: K, ...[values]: Substitutions<K>): string {
  return lookUp(key, values as Record<string, string | number> | undefined);
}

/**
 * The form of a plural message for `count` in the interface's language (Intl.PluralRules: English
 * has "one" and "other"; Korean, Chinese and Japanese only "other"). `count` fills `$COUNT$`.
 */
export function plural<B extends PluralKey>(key: B, count: number, ...[values]: PluralSubstitutions<B>): string {
  const category = new Intl.PluralRules(interfaceLocale()).select(count);
  const all = { ...(values as Record<string, string | number> | undefined), count };
  // A form the catalogue does not have (a category its language does not use) falls back to "other".
  const form = api().getMessage(`${key}_${category}`) ? `${key}_${category}` : `${key}_other`;
  return lookUp(form, all);
}

let locale: string | undefined;

/**
 * The interface's locale, for Intl and `lang` attributes: the browser's UI language where the
 * catalogue in use is in that language (so an English reader in Britain gets British dates), the
 * catalogue's own language otherwise (a reader whose language Summit Lens does not speak gets the
 * English catalogue, and English dates with it). The catalogue says which one it is in
 * `interfaceLocale`, since the browsers choose it by rules of their own.
 */
export function interfaceLocale(): string {
  if (locale) return locale;
  const catalogue = api().getMessage('interfaceLocale') || 'en';
  let ui = api().getUILanguage();
  try {
    ui = Intl.getCanonicalLocales(ui)[0] ?? catalogue;
  } catch {
    ui = catalogue;
  }
  // A catalogue with a region (zh-CN) is used as it is: Chinese dates in another script would not match its text.
  const sameLanguage = !catalogue.includes('-') && ui.split('-')[0]!.toLowerCase() === catalogue;
  locale = sameLanguage ? ui : catalogue;
  return locale;
}

/** The language's own name in the interface's language ("English", "영어"), or the tag where Intl has no name for it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(interfaceLocale(), { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Whether text in language `tag` is in the interface's language (by primary language: "en" and "en-GB" are one). */
export function isInterfaceLanguage(tag: string): boolean {
  return tag.split('-')[0]!.toLowerCase() === interfaceLocale().split('-')[0]!.toLowerCase();
}

/** Messages with nothing to fill in. */
type PlainKey = { [K in MessageKey]: [PlaceholderName<K>] extends [never] ? K : never }[MessageKey];

/** An extension page in the interface's language: its `lang` (for screen readers and CJK fonts) and its title. */
export function localizePage(doc: Document, title: PlainKey): void {
  doc.documentElement.lang = interfaceLocale();
  doc.title = t(title);
}

/** For tests that switch the fake browser's language: forget what was worked out for the last one. */
export function resetInterfaceLocale(): void {
  locale = undefined;
  numbers = undefined;
}
