/**
 * The message checks a page needs (valibot and the contracts' schemas), loaded the first time a
 * page receives an answer or a request: a page with nothing of any pack never loads them, and the
 * script every page pays for carries none of it. See common/messages/ and common/found.ts.
 */
export { checkFound } from '../common/found.ts';
export { parseToPage } from '../common/messages/to-page.ts';
