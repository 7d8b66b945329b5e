import browser from 'webextension-polyfill';
import { loadSettings } from '../common/settings';
import type { ToBackground } from '../common/messages';
import type { CardData } from '../core/card-data';
import type { NlpAnswer } from '../core/matcher';
import { Lens } from './lens';

function send(message: ToBackground): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

function isAnswers(value: unknown, count: number): value is NlpAnswer[] {
  return (
    Array.isArray(value) &&
    value.length === count &&
    value.every(
      (a: Partial<NlpAnswer> | null) =>
        Array.isArray(a?.verdicts) &&
        a.verdicts.every((v) => typeof v === 'boolean') &&
        Array.isArray(a.found) &&
        a.found.every(
          (f) => typeof f?.entity === 'string' && Number.isInteger(f.start) && Number.isInteger(f.end) && typeof f.pattern === 'string',
        ),
    )
  );
}

const lens = new Lens({
  doc: document,
  judge: async (questions) => {
    const answer = await send({ type: 'judge', questions });
    if (!isAnswers(answer, questions.length)) throw new Error('malformed answers from the background');
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
