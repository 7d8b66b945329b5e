import { describe, expect, it, vi } from 'vitest';
import type Browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, loadSettings, normalizeSettings, saveSetting } from '../../src/common/settings';

function memoryStorage(initial: Record<string, unknown> = {}) {
  const data = { ...initial };
  return {
    data,
    area: {
      get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
      set: async (items: Record<string, unknown>) => void Object.assign(data, items),
      remove: async (key: string) => void delete data[key],
    } as unknown as Browser.Storage.StorageArea,
  };
}

describe('settings', () => {
  it('fill defaults for what the reader never changed', () => {
    expect(normalizeSettings({})).toEqual({ settings: DEFAULT_SETTINGS, rejected: [] });
  });

  it('fall back to the default for a corrupt value and report it', () => {
    expect(normalizeSettings({ enabled: 'yes', stray: 1 })).toEqual({ settings: DEFAULT_SETTINGS, rejected: ['enabled'] });
  });

  it('keep what the reader set', () => {
    expect(normalizeSettings({ enabled: false }).settings.enabled).toBe(false);
  });

  it('store only changed keys', async () => {
    const { data, area } = memoryStorage();
    await saveSetting(area, 'enabled', false);
    expect(data).toEqual({ enabled: false });
    await saveSetting(area, 'enabled', true);
    expect(data).toEqual({});
  });

  it('survive storage that throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const area = { get: () => Promise.reject(new Error('quota')) } as unknown as Browser.Storage.StorageArea;
    expect(await loadSettings(area)).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
