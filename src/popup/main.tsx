import { render } from 'preact';
import browser from 'webextension-polyfill';
import { Popup } from './Popup';
import './popup.css';

render(<Popup storage={browser.storage.sync} />, document.getElementById('app')!);
