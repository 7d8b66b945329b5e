// Imported first by index.ts, so it runs before any other module of the background is evaluated:
// the start of the start-up breakdown (bench/whole-cpu.ts).
import { mark } from '../core/timing.ts';

mark('bg:start');
