import { PACK_LIMITS } from './limits.ts';

/**
 * What an event's name pattern may be. Patterns are compromise match expressions, and compromise
 * accepts more than a pack needs, some of it able to make matching run away: `/regex/` terms,
 * wildcards (`*`, `.`), repetition (`+`, `{2,}`), negation and lookarounds. A pack's pattern is
 * read with this grammar before use, and anything outside it is refused:
 *
 *   pattern  := item (" " item)*            at most MAX_ITEMS items
 *   item     := (word | tag | group) "?"?   "?" makes the item optional
 *   group    := "(" choice ("|" choice)* ")" at most MAX_CHOICES choices
 *   choice   := word (" " word)* | tag       "(100 per cent|100%)"
 *   word     := a letter or digit, then letters, digits and . ' ’ % & -
 *   tag      := "#" and one of TAGS          "#Value"
 */
export const PATTERN_TAGS = new Set([
  'Value',
  'Cardinal',
  'Ordinal',
  'Date',
  'Month',
  'WeekDay',
  'Noun',
  'ProperNoun',
  'Person',
  'Place',
  'Organization',
  'Adjective',
  'Verb',
  'Adverb',
  'Determiner',
  'Preposition',
]);
const MAX_ITEMS = 12;
const MAX_CHOICES = 20;
const WORD = /^[\p{L}\p{N}][\p{L}\p{N}.'\u2019%&-]{0,39}$/u;

function choiceProblem(choice: string): string | undefined {
  if (choice.startsWith('#')) return PATTERN_TAGS.has(choice.slice(1)) ? undefined : `"${choice}" is not a tag a pattern may use`;
  for (const word of choice.split(' ')) {
    if (word.startsWith('/')) return `"${word}": regular expressions are not allowed (they can make matching run away)`;
    if (!WORD.test(word)) return `"${word}" is not a plain word`;
  }
  return undefined;
}

/** The items of a pattern, splitting on spaces outside parentheses; undefined if the parentheses do not pair up. */
function items(match: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of match) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth < 0 || depth > 1) return undefined;
    if (ch === ' ' && depth === 0) {
      if (current) out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) return undefined;
  if (current) out.push(current);
  return out;
}

/** Everything wrong with a pattern, in words a pack author can act on (empty when it is fine). */
export function patternProblems(match: string): string[] {
  if (match.length > PACK_LIMITS.chars.pattern) return [`is longer than ${PACK_LIMITS.chars.pattern} characters`];
  if (/\/.*\//.test(match)) return ['holds a /regular expression/: not allowed, it can make matching run away'];
  const list = items(match);
  if (!list) return ['has parentheses that do not pair up, or are nested'];
  if (list.length === 0) return ['is empty'];
  if (list.length > MAX_ITEMS) return [`has more than ${MAX_ITEMS} items`];
  const problems: string[] = [];
  for (const raw of list) {
    const item = raw.endsWith('?') ? raw.slice(0, -1) : raw;
    if (item.startsWith('(') && item.endsWith(')')) {
      const choices = item.slice(1, -1).split('|');
      if (choices.length > MAX_CHOICES) problems.push(`"${raw}" has more than ${MAX_CHOICES} choices`);
      for (const choice of choices) {
        const problem = choice.trim() !== choice || !choice ? `"${raw}" has an empty or padded choice` : choiceProblem(choice);
        if (problem) problems.push(problem);
      }
    } else {
      const problem = choiceProblem(item);
      if (problem) problems.push(problem.replace(/^"[^"]*"/, `"${raw}"`));
    }
  }
  return problems;
}

const LEADING_LETTERS = /^\p{L}+/u;

/**
 * What a sentence must contain for the pattern to have any chance to match: for each item that is
 * not optional, the words (lower-cased) of which one must stand in the sentence as a whole word.
 * Of a choice only its leading letters count ("sit" of "sit-down", "u" of "u.s."), and an item
 * that could match a tag or a number asks for nothing, so the test can only ever let through too
 * much, never hold back a sentence compromise would match.
 */
export function requiredWords(match: string): string[][] {
  const required: string[][] = [];
  for (const raw of items(match) ?? []) {
    if (raw.endsWith('?')) continue;
    const choices = raw.startsWith('(') && raw.endsWith(')') ? raw.slice(1, -1).split('|') : [raw];
    const words = choices.map((choice) => LEADING_LETTERS.exec(choice.toLowerCase())?.[0]);
    if (words.every((w) => w !== undefined)) required.push([...new Set(words as string[])]);
  }
  return required;
}
