/**
 * The card's code (Preact, Floating UI, the card itself), loaded the first time a card opens, so
 * the script every page pays for carries none of it.
 */
export { CardController } from './card-controller.ts';
