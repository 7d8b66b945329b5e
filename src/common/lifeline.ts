/**
 * The port a page with highlights holds open to the background (Chromium only; see content/ext.ts).
 * Nothing is ever sent on it: its disconnect is what tells an orphaned page script to withdraw.
 */
export const LIFELINE_PORT = 'summit-lens:lifeline';
