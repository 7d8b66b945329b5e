import { render } from 'preact';
import { Popup } from './Popup.tsx';
import { browserPorts } from './ports.ts';
import '../card/card.css';
import '../ui/base.css';
import './popup.css';

render(<Popup ports={browserPorts()} />, document.getElementById('app')!);
