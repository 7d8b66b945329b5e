import { surfaceForm, type AliasEntry, type Era } from './alias-index.ts';
import { COMMON_WORDS } from './key-gate.ts';
import { TITLE_WORDS } from './titles.ts';
import { partitionPoint } from './search.ts';
import type { MatchRule } from './types.ts';

/**
 * A place in the text where an alias (or a pattern's anchor word) matched, before the rules that
 * need the whole text ran. In the text, "\n" is a hard boundary: a block break the name cannot
 * cross. Callers turn soft line breaks into spaces (same length, so offsets stay true).
 */
export interface Candidate {
  entity: string;
  start: number;
  end: number;
  /** The alias text, or the pattern, that produced it. */
  alias: string;
  rule: MatchRule;
  /** Waiting for compromise: an ambiguous word to confirm, or an anchor whose sentence it searches. */
  needsNlp: boolean;
  anchor?: true;
  /** For descriptions: entities whose naming in the text also lets this one count. */
  context?: string[];
  /** Counts only where the entity or one of `context` is named in the text (a pattern's rule; descriptions always need it). */
  needsContext?: true;
  /** Counts only in a sentence that names one of these entities. */
  sentenceWith?: string[];
  /** The years the entity places a text in (see alias-index.ts). */
  era?: Era;
  /** An event's first month (see alias-index.ts). */
  begins?: number;
  /** An event: dropped where the text around it is anchored to other years (discourse.ts). */
  timed?: true;
  /** An event's related entities other than people: naming one places a text in its time. */
  frame?: string[];
  /** An anchor's patterns' rules, by pattern (for the matches compromise finds). */
  rules?: Record<string, { context?: string[]; sentenceWith?: string[] }>;
}

const TITLE_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${TITLE_WORDS})([^\\S\\n]+)$`, 'u');
const POSSESSIVE_OR_WORD_AFTER = /^['\u2019\u02bc](\p{L}*)/u;
/** After a dateline: a comma, colon, dash, bracket or slash, or the end of its line ("WASHINGTON" alone above the story). */
const DATELINE_AFTER = /^(?:[\s\u00a0]*(?:,|:|[-\u2013\u2014]|\(|\/)|\]|[^\S\n]*(?:\n|$))/u;
/** What may stand before a dateline on its line: nothing, a bracket, or other datelines ("BEIJING/WASHINGTON", "GYEONGJU, South Korea/"). */
const DATELINE_BEFORE = /^[\s\u00a0]*\[?(?:[\p{Lu}][\p{L} .,'-]*\/)*$/u;
const LOOKBEHIND = 40;

/** The title right before `start`, if there is one, and where it begins. */
function titleBefore(text: string, start: number): { title: string; start: number } | undefined {
  const m = TITLE_BEFORE.exec(text.slice(Math.max(0, start - LOOKBEHIND), start));
  return m ? { title: m[1]!, start: start - m[2]!.length - m[1]!.length } : undefined;
}

function atDatelinePosition(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return DATELINE_BEFORE.test(text.slice(lineStart, start));
}

const CAPITALISED_WORD_BEFORE = /\p{Lu}[\p{L}'\u2019.-]*[\s\u00a0]+$/u;

/** Capitalised words that stand next to a name without being part of it. */
const TIME_WORDS =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/;
const WORD_AFTER = /^[^\S\n]+(\p{Lu}[\p{L}'\u2019-]*)/u;
const WORD_BEFORE = /(?:^|[^\p{L}'\u2019])(\p{Lu}[\p{L}'\u2019.-]*)[^\S\n]+$/u;
const TITLE_ONLY = new RegExp(`^(?:${TITLE_WORDS})$`, 'u');
/** Capitalised words next to a surname that are not name parts: openers ("Later Lee said") and headline verbs ("Wang Says"). */
const NOT_NAME_PARTS =
  /^(?:Later|Earlier|Meanwhile|Separately|Afterwards|Yesterday|Today|Tonight|However|Instead|Asked|Speaking|Both|And|Yet|Still|Also|When|As|While|Now|Then|Here|There|Says|Tells|Warns|Urges|Meets|Calls|Hails|Vows|Insists|Expects|Sees|Visits|Arrives|Leaves|Heads)$/;
const isNamePart = (word: string): boolean => !TIME_WORDS.test(word) && !NOT_NAME_PARTS.test(word) && !COMMON_WORDS.has(word.toLowerCase());

/**
 * Another person's name runs on from this surname: "Wang Shouwen", "Lee Jae-yong", "Hun Sen" (a
 * surname that is one of ours in a name that is not), "Dan Wang", "Liu He". Days, months and
 * common words around it are not name parts ("Lee Said", "On Monday Lee").
 */
export function inAnotherName(text: string, start: number, end: number): boolean {
  const after = WORD_AFTER.exec(text.slice(end, end + 40));
  if (after && isNamePart(after[1]!)) return true;
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  if (!before) return false;
  const word = before[1]!;
  return isNamePart(word.replace(/\.$/, '')) && !TITLE_ONLY.test(word) && !/['\u2019]s$/.test(word) && !/\.$/.test(word);
}

/** Right before: a lower-case word, a number or a comma, so not where a sentence or a quotation opens. */
const MID_SENTENCE = /[\p{Ll}\p{N},][^\S\n]+$/u;
const CAPITALISED_WORD_AFTER = /^[\s\u00a0]+\p{Lu}/u;

/**
 * A surname standing next to another capitalised word may belong to someone else ("Germaine
 * Greer", "Anwar Sadat") or not ("On Thursday Greer"): compromise decides those, and only those.
 */
function besideCapitalisedWord(text: string, start: number, end: number): boolean {
  return CAPITALISED_WORD_BEFORE.test(text.slice(Math.max(0, start - 30), start)) || CAPITALISED_WORD_AFTER.test(text.slice(end, end + 3));
}

/** The kinds of work a title names. */
const WORK =
  'film|movie|documentary|drama|series|sitcom|novel|book|memoir|biography|song|album|play|musical|opera|comedy|thriller|poem|painting|exhibition';
/** Right before a title: the kind of work, or "titled" ("the film", "his novel “", "an exhibition titled"). */
const WORK_BEFORE = new RegExp(`\\b(?:${WORK}|titled|entitled)[^\\S\\n]+["\u201c\u2018']?$`, 'iu');
/** Right after a title: an appositive naming the kind of work (", a drama that…", "”, the novel's…"). */
const WORK_AFTER = new RegExp(`^["\u201d\u2019']?,[^\\S\\n]+(?:a|an|the)[^\\S\\n]+(?:[\\p{L}-]+[^\\S\\n]+){0,3}?(?:${WORK})\\b`, 'iu');
/** A title's small words stand lower case between its capitalised ones ("A Winter in Gyeongju"). */
const SMALL = '(?:(?:of|in|the|and|a|an|to|for|from|on|at|with)[^\\S\\n]+)?';
const CAPITALISED_BEFORE = new RegExp(`(?:^|[^\\S\\n])["\u201c\u2018]?(\\p{Lu}[\\p{L}\\p{N}'\u2019-]*)[^\\S\\n]+${SMALL}$`, 'u');
const CAPITALISED_AFTER = new RegExp(`^[^\\S\\n]+${SMALL}(\\p{Lu}[\\p{L}\\p{N}'\u2019-]*)`, 'u');
const POSSESSIVE = /['\u2019]s$/u;
const TITLE_WORDS_MAX = 12;
/**
 * How far from a match a kind of work can start: the run walks at most TITLE_WORDS_MAX steps of at
 * most 40 characters either way, then WORK_BEFORE reads 40 before it and WORK_AFTER 60 after it;
 * plus the longest kind of work, for one the one-pass search below found inside another.
 */
const WORK_REACH = TITLE_WORDS_MAX * 40 + 60 + 16;
/**
 * Every kind of work (or "titled") in a text, wherever it starts: WORK_BEFORE reads a slice of the
 * text, whose start is a word boundary even inside a word, so none is required here.
 */
const WORK_WORD = new RegExp(`(?:${WORK}|titled|entitled)`, 'giu');
/** Where each kind of work (or "titled") starts in a text: found once per text, for all its matches. */
export function workPlaces(text: string): readonly number[] {
  const at: number[] = [];
  for (const m of text.matchAll(WORK_WORD)) at.push(m.index);
  return at;
}

/**
 * Whether a kind of work starts in [from, to): most texts name no film or book, and then no match
 * walks its capitalised run (on a cold background, ~20 ms of the demo article's first find).
 */
function workWordNear(at: readonly number[], from: number, to: number): boolean {
  const first = partitionPoint(at.length, (i) => at[i]! < from);
  return first < at.length && at[first]! < to;
}

/**
 * A name inside the title of a work is not a mention of it ("Because I Hate Korea, a drama…", "the
 * film Crazy Rich Asians"): the capitalised run of three or more words around the match, set off by
 * the kind of work before it or an appositive naming it after. A possessive ends the run ("Jang's
 * Because I Hate Korea": Jang is the author, not the title).
 */
export function inWorkTitle(text: string, start: number, end: number, works = workPlaces(text)): boolean {
  return workWordNear(works, start - WORK_REACH, end + WORK_REACH) && walksIntoWorkTitle(text, start, end);
}

/** inWorkTitle's walk along the capitalised run around the match, without the look for a kind of work near it first. */
export function walksIntoWorkTitle(text: string, start: number, end: number): boolean {
  let from = start;
  let to = end;
  let words = text.slice(start, end).split(/\s+/u).length;
  // A run longer than any title (a Title Case headline, a list of names) is not walked to its end.
  for (
    let m;
    words <= TITLE_WORDS_MAX && (m = CAPITALISED_BEFORE.exec(text.slice(Math.max(0, from - 40), from))) && !POSSESSIVE.test(m[1]!);
    words++
  ) {
    from -= m[0].length - m[0].search(/\S/u);
  }
  for (let m; words <= TITLE_WORDS_MAX && (m = CAPITALISED_AFTER.exec(text.slice(to, to + 40))) && !POSSESSIVE.test(m[1]!); words++)
    to += m[0].length;
  if (words < 3 || words > TITLE_WORDS_MAX) return false;
  return WORK_BEFORE.test(text.slice(Math.max(0, from - 40), from)) || WORK_AFTER.test(text.slice(to, to + 60));
}

/**
 * Apply the rules that need only the text around one match (`matched` is the text's own spelling
 * of the alias, at `start`); returns the candidates it allows. `works`: workPlaces(text), which a
 * caller with many matches in one text finds once.
 */
export function candidatesAt(
  text: string,
  { start, matched }: { start: number; matched: string },
  entries: AliasEntry[],
  works = workPlaces(text),
): Candidate[] {
  const end = start + matched.length;
  const after = POSSESSIVE_OR_WORD_AFTER.exec(text.slice(end, end + 12));
  // "Xi'an" is a city, not Xi: only the possessive 's may follow an apostrophe.
  if (after && after[1] !== '' && after[1] !== 's') return [];
  if (inWorkTitle(text, start, end, works)) return [];
  const out: Candidate[] = [];
  for (const entry of entries) {
    const { alias } = entry;
    if (!alias.caseInsensitive && surfaceForm(matched) !== surfaceForm(alias.text)) continue;
    let candidateStart = start;
    let rule: MatchRule = 'name';
    if (alias.dateline) {
      if (!atDatelinePosition(text, start) || !DATELINE_AFTER.test(text.slice(end, end + 4))) continue;
      rule = 'dateline';
    } else if (entry.kind === 'person' && !/\s/.test(alias.text)) {
      // "Mr Wang Shouwen" is not Mr Wang: a title before a surname that runs on into another name is not this one's.
      const title = alias.needsTitle && inAnotherName(text, end, end) ? undefined : titleBefore(text, start);
      if (title && (!alias.titles || alias.titles.includes(title.title))) {
        // The convention counts "Mr Xi" and "President Lee" whole; a full name stands without its title.
        candidateStart = title.start;
        rule = 'title';
        // A title only one of the sharers can hold settles a shared surname ("Commerce Minister Wang").
        if (alias.needsNamed && alias.titles && !entries.some((other) => other !== entry && other.alias.titles?.includes(title.title))) {
          out.push({ entity: entry.entity, start: candidateStart, end, alias: alias.text, rule, needsNlp: false });
          continue;
        }
      } else if (alias.needsTitle) {
        // Without a title, the surname alone counts only once the person is named in full in the
        // text (discourse.ts decides that); never inside someone else's name, and a surname that is
        // also a common word ("He") not where a sentence opens.
        if (inAnotherName(text, start, end)) continue;
        if (COMMON_WORDS.has(alias.text.toLowerCase()) && !MID_SENTENCE.test(text.slice(Math.max(0, start - 4), start))) continue;
        out.push({ entity: entry.entity, start, end, alias: alias.text, rule: 'surname', needsNlp: false });
        continue;
      }
    } else if (alias.needsTitle) {
      continue;
    }
    if (alias.needsNamed) rule = 'described';
    const surnameAlone = entry.kind === 'person' && rule === 'name' && !/\s/.test(alias.text);
    const needsNlp = rule !== 'title' && (Boolean(alias.nlp) || (surnameAlone && besideCapitalisedWord(text, start, end)));
    const candidate: Candidate = {
      entity: entry.entity,
      start: candidateStart,
      end,
      alias: alias.text,
      // A description stays one (it counts only where its entity is named) even when compromise must confirm it too.
      rule: needsNlp && rule !== 'described' ? 'nlp' : rule,
      needsNlp,
    };
    if (alias.context) candidate.context = alias.context;
    if (alias.sentenceWith) candidate.sentenceWith = alias.sentenceWith;
    if (entry.era) candidate.era = entry.era;
    if (entry.begins !== undefined) candidate.begins = entry.begins;
    if (entry.era && entry.kind === 'event') candidate.timed = true;
    if (entry.frame) candidate.frame = entry.frame;
    out.push(candidate);
  }
  return out;
}
