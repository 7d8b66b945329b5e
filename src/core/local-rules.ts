import { surfaceForm, type AliasEntry } from './alias-index.ts';
import { TITLE_WORDS } from './titles.ts';
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
}

const TITLE_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${TITLE_WORDS})([^\\S\\n]+)$`, 'u');
const POSSESSIVE_OR_WORD_AFTER = /^['\u2019\u02bc](\p{L}*)/u;
const DATELINE_AFTER = /^[\s\u00a0]*(?:,|[-\u2013\u2014]|\(|\/)/u;
/** What may stand before a dateline on its line: nothing, or other datelines ("BEIJING/WASHINGTON"). */
const DATELINE_BEFORE = /^[\s\u00a0]*(?:[\p{Lu}][\p{Lu} .'-]*\/)*$/u;
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
const CAPITALISED_WORD_AFTER = /^[\s\u00a0]+\p{Lu}/u;

/**
 * A surname standing next to another capitalised word may belong to someone else ("Germaine
 * Greer", "Anwar Sadat") or not ("On Thursday Greer"): compromise decides those, and only those.
 */
function besideCapitalisedWord(text: string, start: number, end: number): boolean {
  return CAPITALISED_WORD_BEFORE.test(text.slice(Math.max(0, start - 30), start)) || CAPITALISED_WORD_AFTER.test(text.slice(end, end + 3));
}

/**
 * Apply the rules that need only the text around one match (`matched` is the text's own spelling
 * of the alias, at `start`); returns the candidates it allows.
 */
export function candidatesAt(text: string, { start, matched }: { start: number; matched: string }, entries: AliasEntry[]): Candidate[] {
  const end = start + matched.length;
  const after = POSSESSIVE_OR_WORD_AFTER.exec(text.slice(end, end + 12));
  // "Xi'an" is a city, not Xi: only the possessive 's may follow an apostrophe.
  if (after && after[1] !== '' && after[1] !== 's') return [];
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
      const title = titleBefore(text, start);
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
    out.push(candidate);
  }
  return out;
}
