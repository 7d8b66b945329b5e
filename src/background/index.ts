import browser from 'webextension-polyfill';
import { parseToBackground } from '../common/messages';
import { buildCardData } from '../core/card-data';
import { loadFactBase } from '../core/facts';
import { patternsByEntity } from '../core/facts';
import { createCompromiseJudge } from '../core/nlp';

const base = loadFactBase();
const judge = createCompromiseJudge(patternsByEntity(base));

// Registered synchronously at the top level: a service worker woken by a message must find it.
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) {
    console.warn('[Summit Lens] dropped a message from another sender', sender.id);
    return undefined;
  }
  const request = parseToBackground(message);
  if (!request) {
    console.warn('[Summit Lens] dropped a malformed message', message);
    return undefined;
  }
  switch (request.type) {
    case 'get-entity':
      return Promise.resolve(buildCardData(base, request.id) ?? null);
    case 'judge':
      return Promise.resolve(judge(request.questions));
  }
});
