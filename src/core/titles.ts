/**
 * Titles that make an ambiguous surname safe ("President Lee", "Mr Wang", "Vice Premier He"): a
 * regular-expression alternation, used by the matcher and, lower-cased, by the page's quick look.
 */
export const TITLE_WORDS =
  '(?:Mr|Mrs|Ms|Dr|Mx)\\.?|Madam|President|Vice[- ]Premier|Premier|Prime Minister|(?:Foreign|Commerce|Trade) Minister|Minister|(?:Treasury|Commerce|State) Secretary|Secretary of State|Secretary|Chairman|Ambassador|USTR|Representative|Spokesperson|Press Secretary';
