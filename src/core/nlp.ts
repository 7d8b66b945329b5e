import nlp from 'compromise/two';
import type { NlpAnswer, NlpJudge } from './sentences.ts';
import { mark, timed } from './timing.ts';

// compromise's module (its lexicon and rules) has been evaluated by now: the start-up breakdown's second step.
mark('compromise-evaluated');

interface TaggedTerm {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/** Words after an alias that show it names something else: "Washington state", "Trump Jr.". */
const NOT_OURS_AFTER = new Set(['state', 'jr', 'jr.', 'sr', 'sr.']);
/** Words before an alias that are titles, not given names of another person. */
const TITLE_WORDS = /^(?:Mr|Mrs|Ms|Dr|President|Premier|Minister|Secretary|Chairman|Ambassador|US|U\.S\.|America's)\.?$/;

type Doc = ReturnType<typeof nlp>;

function termsOf(doc: Doc): TaggedTerm[] {
  const json = doc.json({ offset: true }) as { terms: TaggedTerm[] }[];
  return json.flatMap((s) => s.terms);
}

type Parsed = ReturnType<typeof nlp.parseMatch>;
const parsedPatterns = new Map<string, Parsed>();
/**
 * A name pattern as compromise's matcher reads it, parsed once: given the string, match() parses
 * it again for every sentence it is tried on (a fifth of the judging on a cold demo article).
 * nlp.parseMatch is what match() runs on a string itself.
 */
function parsed(pattern: string): Parsed {
  let regs = parsedPatterns.get(pattern);
  if (!regs) {
    regs = nlp.parseMatch(pattern);
    parsedPatterns.set(pattern, regs);
  }
  return regs;
}

/** Where each match of `pattern` starts and ends in the sentence, from its first and last term (so no trailing punctuation). */
function matchSpans(doc: Doc, pattern: string): { start: number; end: number }[] {
  const matches = doc.match(parsed(pattern)).json({ offset: true, terms: { offset: true } }) as { terms: TaggedTerm[] }[];
  return matches.flatMap(({ terms }) => {
    const first = terms[0];
    const last = terms[terms.length - 1];
    return first && last ? [{ start: first.offset.start, end: last.offset.start + last.offset.length }] : [];
  });
}

/**
 * A capitalised word opening a sentence looks like an imperative verb to the tagger ("Trump and
 * Xi hold a call"); what follows tells a subject ("and", "said", "'s") from a command ("Trump the
 * rivals").
 */
function actsAsSubject(next: TaggedTerm | undefined): boolean {
  if (!next) return false;
  const tags = new Set(next.tags);
  return tags.has('Conjunction') || tags.has('Verb') || tags.has('Adverb') || tags.has('Preposition') || /^['\u2019]s$/.test(next.text);
}

/** Most words capitalised: a headline or title, where capitals say nothing about names. */
function titleCase(terms: TaggedTerm[]): boolean {
  const words = terms.filter((t) => /^\p{L}/u.test(t.text));
  return words.length >= 3 && words.filter((t) => /^\p{Lu}/u.test(t.text)).length / words.length >= 0.6;
}

/**
 * A capitalised name the tagger calls a verb is still the name unless its neighbours make it one:
 * a modal, "to" or a subject pronoun before it ("would Trump pride"), or, opening a sentence, no
 * subject-like word after it. Headlines in Title Case fool the tagger otherwise ("Deal With Trump Buys").
 */
function readsAsVerb(prev: TaggedTerm | undefined, next: TaggedTerm | undefined, opensSentence: boolean): boolean {
  if (prev) {
    const prevTags = new Set(prev.tags);
    return prevTags.has('Modal') || prevTags.has('Auxiliary') || prevTags.has('Pronoun') || /^to$/i.test(prev.text);
  }
  return opensSentence && !actsAsSubject(next);
}

/**
 * compromise's reading of one candidate: not a verb ("pragmatism would trump pride"), not the
 * surname of another named person ("George Washington", "Melania Trump"), not followed by a
 * word that makes it something else ("Washington state").
 */
function judgeSpan(terms: TaggedTerm[], start: number, end: number): boolean {
  const first = terms.findIndex((t) => t.offset.start + t.offset.length > start && t.offset.start < end);
  if (first < 0) return false;
  const term = terms[first]!;
  const tags = new Set(term.tags);
  const prev = terms[first - 1];
  if (tags.has('Verb') && !tags.has('ProperNoun') && readsAsVerb(prev, terms[first + 1], first === 0)) return false;
  // In a Title Case headline every word looks like a name to the tagger ("Will Meet Xi" reads as a
  // person called Will Meet), so there only the distractor list speaks for other people.
  if (prev && !titleCase(terms) && /^\s*$/.test(prev.post) && /^\p{Lu}/u.test(prev.text) && !TITLE_WORDS.test(prev.text)) {
    const prevTags = new Set(prev.tags);
    if (prevTags.has('FirstName') || prevTags.has('Person') || (prevTags.has('ProperNoun') && !prevTags.has('Place'))) return false;
  }
  let last = first;
  while (terms[last + 1] && terms[last + 1]!.offset.start < end) last += 1;
  const next = terms[last + 1];
  if (next && /^\s*$/.test(terms[last]!.post)) {
    if (NOT_OURS_AFTER.has(next.text.toLowerCase())) return false;
    // A capitalised surname right after makes this someone else's given name ("Anwar Sadat").
    const nextTags = new Set(next.tags);
    const nextIsName =
      nextTags.has('LastName') || nextTags.has('Person') || (nextTags.has('ProperNoun') && !nextTags.has('Place') && !nextTags.has('Date'));
    if (nextIsName && tags.has('FirstName') && /^\p{Lu}/u.test(next.text) && !nextTags.has('Verb')) return false;
  }
  return true;
}

/**
 * Answers the matcher's questions: one tagging of each sentence, one verdict per ambiguous word,
 * and every span the asked-for entities' name patterns match.
 */
export function createCompromiseJudge(): NlpJudge {
  return (questions, patternsByEntity): NlpAnswer[] =>
    timed('nlp', () =>
      questions.map((q) => {
        const doc = nlp(q.sentence);
        const terms = termsOf(doc);
        const verdicts = q.spans.map((span) => judgeSpan(terms, span.start, span.end));
        const found: NlpAnswer['found'] = [];
        for (const entity of q.patterns) {
          for (const match of patternsByEntity.get(entity) ?? []) {
            for (const span of matchSpans(doc, match)) found.push({ entity, ...span, pattern: match });
          }
        }
        return { verdicts, found };
      }),
    );
}
