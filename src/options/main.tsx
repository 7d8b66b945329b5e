import { render } from 'preact';
import browser from 'webextension-polyfill';
import { localizePage, t } from '../common/i18n.ts';
import { createPackManager } from '../common/packs/manage.ts';
import { PACK_STATES_KEY, PAGE_TABLES_KEY } from '../common/packs/state.ts';
import { openPackStore } from '../common/packs/store.ts';
import { Packs } from './Packs.tsx';
import '../ui/base.css';
import './options.css';

declare const __SUMMIT_LENS_VERSION__: string;

localizePage(document, 'optionsTitle');
const app = document.getElementById('app')!;
void openPackStore().then(
  (store) => {
    const manager = createPackManager({ store, storage: browser.storage.local, appVersion: __SUMMIT_LENS_VERSION__ });
    const onChanged = (listener: () => void): (() => void) => {
      const handler = (changes: Record<string, unknown>, area: string): void => {
        if (area === 'local' && (PACK_STATES_KEY in changes || PAGE_TABLES_KEY in changes)) listener();
      };
      browser.storage.onChanged.addListener(handler);
      return () => browser.storage.onChanged.removeListener(handler);
    };
    render(<Packs manager={manager} onChanged={onChanged} />, app);
  },
  (error: unknown) => {
    // Without the database there is nothing to manage: say so plainly.
    const message = document.createElement('p');
    message.className = 'notice';
    message.textContent = t('packsOpenFailed', { error: String(error) });
    app.replaceChildren(message);
  },
);
