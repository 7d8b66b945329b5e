/** The five kinds of thing the fact base knows about; the popup's categories follow them. */
export const KINDS = ['person', 'place', 'organization', 'event', 'topic'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * How much naming an entity says that a page is about its pack's story (see core/relevance.ts):
 * `story`, naming it is enough; `related`, it takes two different ones; `world`, it never counts.
 */
export const RELEVANCES = ['story', 'related', 'world'] as const;
export type Relevance = (typeof RELEVANCES)[number];

/**
 * A phrase that contains an alias but names something else: always ("George Washington"), or only
 * where one of the `near` words is in the same paragraph ("Washington-based" near "Seattle").
 */
export type Distractor = string | { phrase: string; near: string[] };

/** A date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD. */
export type PartialDate = string;

export interface Source {
  outlet: string;
  via?: string;
  date?: PartialDate;
  dateInferred?: true;
  url: string;
}

export interface Fact {
  text: string;
  date: PartialDate;
  unconfirmed?: true;
  sources: Source[];
}

export interface Alias {
  text: string;
  caseInsensitive?: true;
  needsTitle?: true;
  needsNamed?: true;
  dateline?: true;
  nlp?: true;
  /** needsTitle: only these titles qualify ("Vice Premier He", not "Premier He"). */
  titles?: string[];
  /** needsNamed: naming any of these entities also lets the description count ("commerce ministry" once China is named). */
  context?: string[];
  /** Counts only in a sentence that also names one of these entities ("phone calls" where Trump or Xi is named). */
  sentenceWith?: string[];
}

export interface EventInfo {
  start: PartialDate;
  end?: PartialDate;
  place?: string;
  placeName: string;
  participants: string[];
}

/**
 * An event or policy named in words ("talks between Trump and Xi", "100 per cent import tax"):
 * a compromise match pattern, tried only on sentences holding one of its anchor words.
 */
export interface NamePattern {
  match: string;
  anchors: string[];
  /** The match counts only where the entity or one of these is named in the same text (a Trump–Xi meeting is this one only in a text about its time). */
  context?: string[];
  /** The match counts only in a sentence that also names one of these ("meeting with Xi" where Trump is named). */
  sentenceWith?: string[];
}

export interface Entity {
  id: string;
  kind: Kind;
  name: string;
  type: string;
  summary: string;
  role: { text: string; asOf: PartialDate };
  facts: Fact[];
  related: string[];
  event?: EventInfo;
  aliases: Alias[];
  patterns?: NamePattern[];
  caveat?: string;
  /** Absent: `story`, so a pack that never says keeps every name on every page. */
  relevance?: Relevance;
}

/** Which rule let a mention through; shown as "why highlighted" and used to explain test failures. */
export type MatchRule = 'name' | 'title' | 'described' | 'dateline' | 'nlp' | 'pattern' | 'surname';

export interface Mention {
  /** The entity's reference: its pack and its id ("summit-2025/xi-jinping"). */
  entity: string;
  start: number;
  end: number;
  text: string;
  why: { alias: string; rule: MatchRule; confidence: number };
}
