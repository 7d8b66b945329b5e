import { render } from 'preact';
import { Popup } from './Popup';
import { browserPorts } from './ports';
import '../content/card/card.css';
import './popup.css';

render(<Popup ports={browserPorts()} />, document.getElementById('app')!);
