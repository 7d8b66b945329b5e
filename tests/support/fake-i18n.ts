import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `chrome.i18n` for unit tests, over the real `_locales` catalogues, resolving messages the way
 * Chrome and Firefox do: the catalogue is picked from the UI language (the region-qualified one,
 * then the language alone, then `default_locale`), a message missing from it comes from the
 * default catalogue, names are case-insensitive, `$NAME$` takes its placeholder's content, `$1`…`$9`
 * take the substitutions, `$$` is a dollar sign.
 */

export const LOCALES_DIR = join(import.meta.dirname, '..', '..', '_locales');
export const DEFAULT_LOCALE = 'en';

export interface CatalogueMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, CatalogueMessage>;

const catalogues = new Map<string, Catalogue | null>();

/** A locale's catalogue (`zh_CN`), or null where there is none. */
export function readCatalogue(locale: string): Catalogue | null {
  if (!catalogues.has(locale)) {
    let catalogue: Catalogue | null = null;
    try {
      catalogue = JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Catalogue;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    catalogues.set(locale, catalogue);
  }
  return catalogues.get(locale)!;
}

function lookUp(catalogue: Catalogue | null, name: string): CatalogueMessage | undefined {
  if (!catalogue) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(catalogue)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Fills a message's `$NAME$` placeholders and their `$1`… from `substitutions`, as the browsers do. */
export function resolveMessage(entry: CatalogueMessage, substitutions: readonly string[] = []): string {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const positional = (text: string): string =>
    text.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$|\$\$|\$[1-9]/g, (whole, name: string | undefined) => {
    if (name === undefined) return positional(whole);
    const content = placeholders.get(name.toLowerCase());
    return content === undefined ? '' : positional(content);
  });
}

export function fakeI18n(uiLanguage: () => string) {
  const chosen = (): Catalogue | null => {
    const [language, region] = uiLanguage().split('-');
    return (
      (region ? readCatalogue(`${language}_${region.toUpperCase()}`) : null) ?? readCatalogue(language!) ?? readCatalogue(DEFAULT_LOCALE)
    );
  };
  return {
    getMessage(name: string, substitutions?: string | string[]): string {
      const entry = lookUp(chosen(), name) ?? lookUp(readCatalogue(DEFAULT_LOCALE), name);
      if (!entry) return '';
      return resolveMessage(entry, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []));
    },
    getUILanguage: uiLanguage,
  };
}
