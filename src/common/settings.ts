import type Browser from 'webextension-polyfill';

/** The defaults object is the settings type; storage holds only what the reader changed. */
export const DEFAULT_SETTINGS = {
  enabled: true,
};

export type Settings = typeof DEFAULT_SETTINGS;
export type SettingKey = keyof Settings;

export const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

const VALIDATORS: { [K in SettingKey]: (value: unknown) => value is Settings[K] } = {
  enabled: (value): value is boolean => typeof value === 'boolean',
};

export interface NormalizedSettings {
  settings: Settings;
  /** Keys whose stored value was unusable and fell back to the default. */
  rejected: SettingKey[];
}

/** Fill defaults for missing keys; a corrupt or foreign value falls back to its default and is reported. */
export function normalizeSettings(stored: Record<string, unknown>): NormalizedSettings {
  const settings = { ...DEFAULT_SETTINGS };
  const rejected: SettingKey[] = [];
  for (const key of SETTINGS_KEYS) {
    if (!(key in stored)) continue;
    const value = stored[key];
    if (VALIDATORS[key](value)) (settings as Record<SettingKey, unknown>)[key] = value;
    else rejected.push(key);
  }
  return { settings, rejected };
}

export async function loadSettings(storage: Browser.Storage.StorageArea): Promise<Settings> {
  let stored: Record<string, unknown> = {};
  try {
    stored = await storage.get(SETTINGS_KEYS);
  } catch (error) {
    console.warn('[Summit Lens] settings could not be read; using defaults', error);
  }
  const { settings, rejected } = normalizeSettings(stored);
  if (rejected.length) console.warn('[Summit Lens] ignored unusable settings, using defaults for:', rejected.join(', '));
  return settings;
}

/** Store a change; a value equal to its default is removed so only what the reader chose is kept. */
export async function saveSetting<K extends SettingKey>(storage: Browser.Storage.StorageArea, key: K, value: Settings[K]): Promise<void> {
  if (value === DEFAULT_SETTINGS[key]) await storage.remove(key);
  else await storage.set({ [key]: value });
}
