import browser from 'webextension-polyfill';
import { loadSettings } from '../common/settings';
import type { ToBackground } from '../common/messages';
import type { CardData } from '../core/card-data';
import { Lens } from './lens';

function send(message: ToBackground): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

function isVerdicts(value: unknown): value is boolean[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'boolean'));
}

const lens = new Lens({
  doc: document,
  judge: async (questions) => {
    const answer = await send({ type: 'judge', questions });
    if (!isVerdicts(answer)) throw new Error('malformed verdicts from the background');
    return answer;
  },
  fetchEntity: async (id) => {
    const answer = (await send({ type: 'get-entity', id })) as Partial<CardData> | null | undefined;
    if (
      !answer?.entity ||
      answer.entity.id !== id ||
      typeof answer.reviewed !== 'string' ||
      !answer.names ||
      !Array.isArray(answer.timeline)
    ) {
      return undefined;
    }
    return answer as CardData;
  },
});

async function apply(): Promise<void> {
  const settings = await loadSettings(browser.storage.sync);
  if (settings.enabled) await lens.start();
  else lens.stop();
}

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && 'enabled' in changes) void apply();
});

void apply();
