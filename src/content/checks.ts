/**
 * The check of the requests a page receives (valibot and the contract's schema), loaded with the
 * first request (the popup's, the background's): the script every page pays for carries none of
 * it. The background's answers to 'find' are checked without valibot (common/found-read.ts).
 */
export { parseToPage } from '../common/messages/to-page.ts';
