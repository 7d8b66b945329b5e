import type Browser from 'webextension-polyfill';
import { KINDS, type Kind } from '../core/types.ts';
import { warn } from '../core/log.ts';

export type HighlightStyle = 'underline' | 'background';

/** The defaults object is the settings type; storage holds only what the reader changed. */
export const DEFAULT_SETTINGS = {
  enabled: true,
  /** Hostnames where the reader turned highlights off. */
  disabledSites: [] as string[],
  categories: { person: true, place: true, organization: true, event: true, topic: true } as Record<Kind, boolean>,
  style: 'underline' as HighlightStyle,
  /** Mark each entity once, the way Wikipedia links a name only at its first mention. */
  firstOnly: false,
  /** The toolbar badge with the number of distinct entities on the page. */
  badge: true,
  /** Highlight names on pages that do not look like they are about the story (core/relevance.ts). */
  showUnrelated: false,
  /** How long the mouse rests on a mention before its card opens (HOVER_DELAY_RANGE). */
  hoverDelayMs: 300,
  /** A tap (touch or pen) on a mention opens its card. */
  tapLookup: true,
};

/** Shorter than 150 ms opens cards as the pointer merely crosses text; past a second, readers think nothing happens. */
export const HOVER_DELAY_RANGE = { min: 150, max: 1000, step: 50 } as const;

export type Settings = typeof DEFAULT_SETTINGS;
export type SettingKey = keyof Settings;

export const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];
/** Bumped when a stored shape changes; migrations below bring older storage forward. */
export const SETTINGS_VERSION = 2;
const VERSION_KEY = 'settingsVersion';

const HOST = /^[a-z0-9.-]{1,253}(?::\d{1,5})?$/;

const VALIDATORS: { [K in SettingKey]: (value: unknown) => value is Settings[K] } = {
  enabled: (value): value is boolean => typeof value === 'boolean',
  disabledSites: (value): value is string[] =>
    Array.isArray(value) && value.length <= 1000 && value.every((h) => typeof h === 'string' && HOST.test(h)),
  categories: (value): value is Record<Kind, boolean> =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    KINDS.every((k) => typeof (value as Record<string, unknown>)[k] === 'boolean'),
  style: (value): value is HighlightStyle => value === 'underline' || value === 'background',
  firstOnly: (value): value is boolean => typeof value === 'boolean',
  badge: (value): value is boolean => typeof value === 'boolean',
  showUnrelated: (value): value is boolean => typeof value === 'boolean',
  hoverDelayMs: (value): value is number =>
    Number.isInteger(value) && (value as number) >= HOVER_DELAY_RANGE.min && (value as number) <= HOVER_DELAY_RANGE.max,
  tapLookup: (value): value is boolean => typeof value === 'boolean',
};

/**
 * Older storage, brought forward one version at a time. Version 1 (the first release) kept the
 * switch as `highlightsOn`; version 2 calls it `enabled`.
 */
const MIGRATIONS: Record<number, (stored: Record<string, unknown>) => Record<string, unknown>> = {
  1: ({ highlightsOn, ...rest }) => (highlightsOn === undefined ? rest : { ...rest, enabled: highlightsOn }),
};

export function migrateSettings(stored: Record<string, unknown>): Record<string, unknown> {
  let version = typeof stored[VERSION_KEY] === 'number' ? (stored[VERSION_KEY] as number) : 1;
  let current = { ...stored };
  while (version < SETTINGS_VERSION) {
    current = MIGRATIONS[version]?.(current) ?? current;
    version += 1;
  }
  return current;
}

export interface NormalizedSettings {
  settings: Settings;
  /** Keys whose stored value was unusable and fell back to the default. */
  rejected: SettingKey[];
}

/** Fill defaults for missing keys; a corrupt or foreign value falls back to its default and is reported. */
export function normalizeSettings(stored: Record<string, unknown>): NormalizedSettings {
  const migrated = migrateSettings(stored);
  const settings = structuredClone(DEFAULT_SETTINGS);
  const rejected: SettingKey[] = [];
  for (const key of SETTINGS_KEYS) {
    if (!(key in migrated)) continue;
    const value = migrated[key];
    if (VALIDATORS[key](value)) (settings as Record<SettingKey, unknown>)[key] = value;
    else rejected.push(key);
  }
  return { settings, rejected };
}

export async function readSettings(storage: Browser.Storage.StorageArea): Promise<NormalizedSettings> {
  let stored: Record<string, unknown> = {};
  try {
    stored = await storage.get(null);
  } catch (error) {
    warn('settings could not be read; using defaults', error);
  }
  const result = normalizeSettings(stored);
  if (result.rejected.length) warn('ignored unusable settings, using defaults for:', result.rejected.join(', '));
  return result;
}

export async function loadSettings(storage: Browser.Storage.StorageArea): Promise<Settings> {
  return (await readSettings(storage)).settings;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Store a change; a value equal to its default is removed so only what the reader chose is kept. */
export async function saveSetting<K extends SettingKey>(storage: Browser.Storage.StorageArea, key: K, value: Settings[K]): Promise<void> {
  if (sameValue(value, DEFAULT_SETTINGS[key])) await storage.remove(key);
  else await storage.set({ [key]: value, [VERSION_KEY]: SETTINGS_VERSION });
}

/** Whether Summit Lens should mark this page at all. */
export function activeOn(settings: Settings, host: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(host);
}

export function isSettingsChange(changes: Record<string, unknown>): boolean {
  return SETTINGS_KEYS.some((k) => k in changes) || VERSION_KEY in changes;
}
