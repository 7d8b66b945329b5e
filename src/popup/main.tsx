import { render } from 'preact';
import { localizePage } from '../common/i18n.ts';
import { Popup } from './Popup.tsx';
import { browserPorts } from './ports.ts';
import '../card/card.css';
import '../ui/base.css';
import './popup.css';

localizePage(document, 'popupTitle');
render(<Popup ports={browserPorts()} />, document.getElementById('app')!);
