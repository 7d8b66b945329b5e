import browser from 'webextension-polyfill';
import { parseToBackground } from '../common/messages';
import { loadFactBase } from '../core/facts';
import { judgeWithCompromise } from '../core/nlp';

const base = loadFactBase();
const byId = new Map(base.entities.map((e) => [e.id, e]));

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
    case 'get-entity': {
      const entity = byId.get(request.id);
      return Promise.resolve(entity ? { entity, reviewed: base.reviewed } : null);
    }
    case 'judge':
      return Promise.resolve(judgeWithCompromise(request.questions));
  }
});
