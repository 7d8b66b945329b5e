import { beforeEach } from 'vitest';
import { resetInterfaceLocale } from '../../src/common/i18n.ts';
import { fakeI18n } from '../support/fake-i18n.ts';

/**
 * Unit tests run against the real catalogues through a faithful `chrome.i18n` (tests/support/fake-i18n.ts),
 * in English unless a test calls `useUiLanguage`.
 */
let uiLanguage = 'en-US';
const scope = globalThis as { chrome?: object };
scope.chrome = { ...scope.chrome, i18n: fakeI18n(() => uiLanguage) };

/** The browser's UI language for the rest of the test ("ko", "zh-CN", "ja"). */
export function useUiLanguage(tag: string): void {
  uiLanguage = tag;
  resetInterfaceLocale();
}

beforeEach(() => useUiLanguage('en-US'));
