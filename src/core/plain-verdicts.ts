import type { Candidate } from './local-rules.ts';
import { requiredWords } from './packs/pattern.ts';
import { sentencesOf } from './sentences.ts';

/**
 * Most of what the matcher asks compromise has an answer plain words can give, and compromise is
 * the largest thing the background loads and the slowest thing it runs. Two kinds of question are
 * settled here, and only where the answer is certain to be compromise's own (nlp.ts, judgeSpan):
 *
 * - An ambiguous capitalised word ("Trump", "Washington") between ordinary lower-case words:
 *   compromise turns such a word down only as a verb after a modal, an auxiliary, a pronoun or
 *   "to"; as someone else's name beside a capitalised word; before "state", "Jr" or "Sr"; or,
 *   opening a sentence, as a command. Where none of those can be the case, it is the name.
 * - An anchor whose sentence lacks a word every one of its patterns needs: no pattern can match.
 *
 * Everything else still goes to compromise; tests/unit/plain-verdicts.test.ts checks on every
 * labelled sentence that what is settled here is what compromise answers.
 */

/**
 * Words compromise may tag as a modal, auxiliary or pronoun, or "to" (before which a capitalised
 * word can be a verb: "would Trump pride", "to Trump"), with some margin.
 */
const VERB_BEFORE = new Set(
  (
    'i me my mine myself you your yours yourself he him his himself she her hers herself it its itself we us our ours ' +
    'ourselves they them their theirs themselves who whom whose which what whoever that this these those there here ' +
    'someone somebody anyone anybody everyone everybody no-one nobody one ones each either neither both all none ' +
    'to do does did done doing will would shall should can could may might must ought have has had having be is am ' +
    'are was were been being not never get gets got gotten let lets used going gonna wanna about need needs dare'
  ).split(' '),
);
/** Words that, right after a sentence-opening name, show it is a subject ("Trump said"), not a command ("Trump the rivals"). */
const SUBJECT_AFTER = new Set(
  'and or but said says told asked added wrote has had was is will would also then later on in at with for after before from during'.split(
    ' ',
  ),
);
/** Words after the name that can make it something else: compromise decides those. */
const OTHER_AFTER = new Set(['state', 'jr', 'sr']);

const LAST_WORD = /([\p{L}\p{N}][\p{L}\p{N}'\u2019\u02bc-]*)[^\p{L}\p{N}]*$/u;
const NEXT_WORD = /^[^\p{L}\p{N}]*?([\p{L}\p{N}][\p{L}\p{N}'\u2019\u02bc]*)/u;
const POSSESSIVE = /^['\u2019\u02bc]s\b/u;

/**
 * compromise's verdict on the word at [start, end) of `sentence`, where plain words settle it: true
 * when it is certainly the name; undefined when only compromise can tell.
 */
export function plainVerdict(sentence: string, start: number, end: number): true | undefined {
  const word = sentence.slice(start, end);
  if (!/^\p{Lu}\p{L}*$/u.test(word)) return undefined;
  const after = sentence.slice(end);
  const possessive = POSSESSIVE.test(after);
  // compromise keeps "'s" in the name's own term, so the word after it is the next one ("Trump's State Visit").
  const next = NEXT_WORD.exec(possessive ? after.slice(2) : after)?.[1];
  // A capitalised word right after may be this one's surname; "state", "Jr" make it someone or something else.
  if (next && (/^\p{Lu}/u.test(next) || OTHER_AFTER.has(next.toLowerCase().replace(/\.$/, '')))) return undefined;
  const before = sentence.slice(0, start);
  const prev = LAST_WORD.exec(before)?.[1];
  if (prev) {
    if (!/^\p{Ll}/u.test(prev) || /['\u2019\u02bc]/u.test(prev)) return undefined;
    return VERB_BEFORE.has(prev) ? undefined : true;
  }
  // Opening the sentence: a subject only if what follows says so.
  if (possessive) return true;
  return next && SUBJECT_AFTER.has(next) ? true : undefined;
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const letterOrNumber = (code: number | undefined): boolean =>
  code !== undefined &&
  (code < 128
    ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
    : LETTER_OR_NUMBER.test(String.fromCodePoint(code)));

/**
 * Whether `word` (letters only: requiredWords' leading letters) stands whole in `lower`: no letter
 * or number right before or after it ("in" is not in "inside"). A search for the string and a look
 * at its neighbours, not a regular expression per word: a cold background compiled ~90 Unicode
 * regular expressions on its first text, and tiered them up as it read, ~200 ms before this.
 */
function standsWhole(lower: string, word: string): boolean {
  for (let i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
    // The code point before: a low surrogate after a high one is the second half of a pair.
    const prev = i > 0 ? lower.charCodeAt(i - 1) : undefined;
    const pair = prev !== undefined && prev >= 0xdc00 && prev <= 0xdfff && i > 1 && (lower.charCodeAt(i - 2) & 0xfc00) === 0xd800;
    const before = pair ? lower.codePointAt(i - 2) : prev;
    if (!letterOrNumber(before) && !letterOrNumber(lower.codePointAt(i + word.length))) return true;
  }
  return false;
}

const wordsNeeded = new Map<string, string[][]>();
/** For each item a pattern needs, the words of which one must stand whole in a lower-cased sentence. */
const needs = (pattern: string): string[][] => {
  let words = wordsNeeded.get(pattern);
  if (!words) {
    words = requiredWords(pattern);
    wordsNeeded.set(pattern, words);
  }
  return words;
};

/** Whether any of the patterns could match in the sentence, judged by the words each one needs. */
export function anyPatternMayMatch(sentence: string, patterns: readonly string[]): boolean {
  const lower = sentence.toLowerCase();
  return patterns.some((pattern) => needs(pattern).every((choices) => choices.some((word) => standsWhole(lower, word))));
}

/**
 * The candidates with what plain words can settle settled: confirmed words no longer wait for
 * compromise, anchors whose sentence no pattern can match are dropped. Same order otherwise.
 */
export function settlePlainly(
  text: string,
  candidates: readonly Candidate[],
  patterns: ReadonlyMap<string, readonly string[]>,
  sentences = sentencesOf(text),
): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (!c.needsNlp) {
      out.push(c);
      continue;
    }
    const [from, to] = sentences().around(c.start, c.end);
    const sentence = text.slice(from, to);
    if (c.anchor) {
      if (anyPatternMayMatch(sentence, patterns.get(c.entity) ?? [])) out.push(c);
    } else if (plainVerdict(sentence, c.start - from, c.end - from)) {
      out.push({ ...c, needsNlp: false });
    } else {
      out.push(c);
    }
  }
  return out;
}
