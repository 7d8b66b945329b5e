import { describe, expect, it, vi } from 'vitest';
import type Browser from 'webextension-polyfill';
import {
  activeOn,
  DEFAULT_SETTINGS,
  HOVER_DELAY_RANGE,
  loadSettings,
  migrateSettings,
  normalizeSettings,
  saveSetting,
  SETTINGS_VERSION,
} from '../../src/common/settings.ts';

function memoryStorage(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...initial };
  return {
    data,
    area: {
      get: async (keys: string[] | null) =>
        keys === null ? { ...data } : Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
      set: async (items: Record<string, unknown>) => void Object.assign(data, items),
      remove: async (key: string) => void delete data[key],
    } as unknown as Browser.Storage.StorageArea,
  };
}

describe('settings', () => {
  it('fill defaults for what the reader never changed', () => {
    expect(normalizeSettings({})).toEqual({ settings: DEFAULT_SETTINGS, rejected: [] });
  });

  it('fall back to the default for each corrupt or foreign value, and report which', () => {
    const { settings, rejected } = normalizeSettings({
      enabled: 'yes',
      disabledSites: ['ok.example', '<script>'],
      categories: { person: false },
      style: 'blink',
      firstOnly: 1,
      badge: null,
      hoverDelayMs: '300',
      tapLookup: 'off',
      stray: 1,
    });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(rejected.sort()).toEqual(['badge', 'categories', 'disabledSites', 'enabled', 'firstOnly', 'hoverDelayMs', 'style', 'tapLookup']);
  });

  it('take a hover delay only inside its range, in whole milliseconds', () => {
    const delay = (value: unknown) => normalizeSettings({ hoverDelayMs: value }).settings.hoverDelayMs;
    expect(delay(HOVER_DELAY_RANGE.min)).toBe(150);
    expect(delay(HOVER_DELAY_RANGE.max)).toBe(1000);
    expect(delay(450)).toBe(450);
    for (const bad of [149, 1001, 0, -300, 300.5, Number.NaN, Infinity, null]) expect(delay(bad)).toBe(DEFAULT_SETTINGS.hoverDelayMs);
  });

  it('keep what the reader set', () => {
    const stored = {
      enabled: false,
      disabledSites: ['news.example'],
      style: 'background',
      firstOnly: true,
      badge: false,
      hoverDelayMs: 700,
      tapLookup: false,
    };
    expect(normalizeSettings(stored).settings).toMatchObject(stored);
  });

  it('store only changed keys, with the version they were written in', async () => {
    const { data, area } = memoryStorage();
    await saveSetting(area, 'enabled', false);
    expect(data).toEqual({ enabled: false, settingsVersion: SETTINGS_VERSION });
    await saveSetting(area, 'enabled', true);
    expect(data).toEqual({ settingsVersion: SETTINGS_VERSION });
    await saveSetting(area, 'categories', { ...DEFAULT_SETTINGS.categories, topic: false });
    expect(data.categories).toEqual({ ...DEFAULT_SETTINGS.categories, topic: false });
  });

  it('bring the first release’s storage forward without losing the reader’s choice', async () => {
    expect(migrateSettings({ highlightsOn: false })).toEqual({ enabled: false });
    const { area } = memoryStorage({ highlightsOn: false });
    expect((await loadSettings(area)).enabled).toBe(false);
    // Already current: nothing renamed.
    expect(migrateSettings({ settingsVersion: SETTINGS_VERSION, highlightsOn: false })).toEqual({
      settingsVersion: SETTINGS_VERSION,
      highlightsOn: false,
    });
  });

  it('survive storage that throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const area = { get: () => Promise.reject(new Error('quota')) } as unknown as Browser.Storage.StorageArea;
    expect(await loadSettings(area)).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('turn a page off everywhere or for its site alone', () => {
    expect(activeOn(DEFAULT_SETTINGS, 'a.example')).toBe(true);
    expect(activeOn({ ...DEFAULT_SETTINGS, enabled: false }, 'a.example')).toBe(false);
    expect(activeOn({ ...DEFAULT_SETTINGS, disabledSites: ['a.example'] }, 'a.example')).toBe(false);
    expect(activeOn({ ...DEFAULT_SETTINGS, disabledSites: ['a.example'] }, 'b.example')).toBe(true);
  });
});
