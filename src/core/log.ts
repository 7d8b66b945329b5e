/**
 * The extension's console messages, each named as ours: a page's console is the page's author's,
 * and a message there must say where it came from. One prefix here, not one per message (the page
 * script carries every byte of each).
 */
const PREFIX = '[Summit Lens]';

export const warn = (message: string, ...details: unknown[]): void => console.warn(`${PREFIX} ${message}`, ...details);

export const info = (message: string, ...details: unknown[]): void => console.info(`${PREFIX} ${message}`, ...details);
