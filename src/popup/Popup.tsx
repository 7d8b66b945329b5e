import { useEffect, useState } from 'preact/hooks';
import type Browser from 'webextension-polyfill';
import { loadSettings, saveSetting, type Settings } from '../common/settings';

export interface PopupProps {
  storage: Browser.Storage.StorageArea;
}

export function Popup({ storage }: PopupProps) {
  const [settings, setSettings] = useState<Settings | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    void loadSettings(storage).then(setSettings);
  }, [storage]);

  const toggle = async (): Promise<void> => {
    if (!settings) return;
    const enabled = !settings.enabled;
    setSettings({ ...settings, enabled });
    try {
      await saveSetting(storage, 'enabled', enabled);
      setError(undefined);
    } catch (e) {
      setSettings({ ...settings });
      setError(`Could not save: ${String(e)}`);
    }
  };

  return (
    <div class="popup">
      <header>
        <h1>Summit Lens</h1>
        <p class="tagline">The Trump–Xi meeting in Busan and the trade fight around it, explained where you read.</p>
      </header>
      <div class="row">
        <span id="highlights-label" class="label">
          Show highlights
          <span class="hint">on every page</span>
        </span>
        <button
          type="button"
          role="switch"
          class="switch"
          aria-checked={settings?.enabled ?? false}
          aria-labelledby="highlights-label"
          disabled={!settings}
          onClick={() => void toggle()}
        >
          <span class="knob" />
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <footer>Works offline. Nothing you read leaves this computer.</footer>
    </div>
  );
}
