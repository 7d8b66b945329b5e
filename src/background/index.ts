import './startup-mark.ts';
import browser from 'webextension-polyfill';
import { mark } from '../core/timing.ts';
import { installNlp } from './load-nlp.ts';
import { startBackground } from './start.ts';

// At the top level, synchronously: a service worker or event page woken by an event must find its listeners.
startBackground(browser);

installNlp();
mark('bg:listening');
