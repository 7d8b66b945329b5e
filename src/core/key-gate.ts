import { firstMix, flagsIn, NAME, PREFIX, TITLED, type KeyTable } from './key-table.ts';

/**
 * The page's first look for a large pack (a small one is probed: see key-probe.ts): could this text
 * hold one of its keys? Most pages hold none, and this is all they pay for the pack, so it leans on
 * what the engine does natively: one split of the folded text into words, shared by every large
 * pack, deduplicated natively, and per distinct word a signature of a few of its characters
 * (key-table.ts) probed in the pack's table. The commonest English words are not hashed: a pack
 * lists any of its first tokens among them, found in a Map. A common word that can only start a
 * longer key counts when a word that can follow it is on the page (a rarer one counts alone); a
 * surname that needs a title, when a title is; an anchor word, never on its own. It may say yes
 * where no key is (the walk then decides, in order); it never says no where one is.
 */

const SPLIT = /[^0-9_a-z\u00c0-\u024f\u0370-\u04ff]+/;
const CJK_TEXT = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/** The last word of each title (titles.ts) that lets a surname count. */
const TITLE_ENDS = new Set(
  'mr mrs ms dr mx madam president premier minister secretary state chairman ambassador ustr representative spokesperson'.split(' '),
);

/**
 * The commonest English words: a large pack lists any of its first tokens among them (so the page
 * finds them in a Map) and the page does not hash these, which are a third to a half of a text's words.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  (
    'the of and to a in is that for it as was with be by on not he this are or his from at which but have an they you were ' +
    'her she there been has their one had all we can will would more if no out so said what up its about than into them ' +
    'only some could new also two may first then do any like my now over such our me even most made after many before must ' +
    'through back years where much your way well down should because each just those how too little very make still own ' +
    'see get here between both being under never day same another know while last might us great old year off come since ' +
    'against go came right used take three s t i'
  ).split(' '),
);

interface Word {
  flags: number;
  /** The words that can follow it in a longer key: only ever walked, so an array (no Set built on every page). */
  next: readonly string[];
}

interface Ready {
  table: KeyTable;
  words: Map<string, Word>;
}

const ready = new WeakMap<KeyTable, Ready>();

function prepare(table: KeyTable): Ready {
  let found = ready.get(table);
  if (!found) {
    const words = new Map<string, Word>();
    for (const line of table.words ? table.words.split('\n') : []) {
      const [word, flags, next] = line.split('\t');
      words.set(word!, { flags: Number(flags), next: next ? next.split(' ') : [] });
    }
    ready.set(table, (found = { table, words }));
  }
  return found;
}

/**
 * The first look (see above): `open` when the folded text may hold a name of one of the tables;
 * `words`, the words of the text that may begin a key of any kind (anchors too), for the walk
 * that finds where they are. `words` is undefined when the walk must read every token (keys in
 * scripts written without spaces, which are not words to split on).
 */
export function keyWords(folded: string, tables: readonly KeyTable[]): { open: boolean; words: Set<string> | undefined } {
  const found = new Set<string>();
  const large = tables.filter((t) => !t.complete);
  if (!large.length) return { open: false, words: found };
  if (large.some((t) => t.cjk) && CJK_TEXT.test(folded)) return { open: true, words: undefined };
  const packs = large.map(prepare);
  // The distinct words, natively: a long page repeats most of its words, and each is looked at once.
  const distinct = new Set(folded.split(SPLIT));
  let titled: boolean | undefined;
  let open = false;
  // Plain loops, no destructuring, closures or calls but the natives: this runs cold for every
  // distinct word of a page.
  for (const w of distinct) {
    if (!w) continue;
    const common = COMMON_WORDS.has(w);
    let signed = 0;
    if (!common) {
      // signature() in key-table.ts, written out here.
      const length = w.length;
      let h = Math.imul(length, 0x9e3779b1) ^ 0x811c9dc5;
      h = Math.imul(h ^ w.charCodeAt(0), 0x01000193);
      if (length > 1) h = Math.imul(h ^ w.charCodeAt(1), 0x01000193);
      if (length > 2) h = Math.imul(h ^ w.charCodeAt(2), 0x01000193);
      if (length > 3) h = Math.imul(h ^ w.charCodeAt(3), 0x01000193);
      if (length > 5) h = Math.imul(h ^ w.charCodeAt(length - 2), 0x01000193);
      if (length > 4) h = Math.imul(h ^ w.charCodeAt(length - 1), 0x01000193);
      signed = h ^ (h >>> 15);
    }
    for (let p = 0; p < packs.length; p++) {
      const pack = packs[p]!;
      let flags = 0;
      let entry: Word | undefined;
      if (common) {
        entry = pack.words.get(w);
        if (!entry) continue;
        flags = entry.flags;
      } else {
        flags = flagsIn(pack.table.first, signed, firstMix(signed));
        if (!flags) continue;
      }
      // Word order is not kept here: a common word that can only begin a longer key counts when a
      // word that can follow it is on the page at all; a titled surname, when a title is.
      let begins = !(flags & PREFIX) || !entry;
      if (!begins)
        for (const next of entry!.next)
          if (distinct.has(next)) {
            begins = true;
            break;
          }
      if (flags === PREFIX && !begins) continue;
      found.add(w);
      if (flags & TITLED && titled === undefined) {
        titled = false;
        for (const title of TITLE_ENDS) if (distinct.has(title)) titled = true;
      }
      if (flags & NAME || (flags & TITLED && titled) || (flags & PREFIX && begins)) open = true;
    }
  }
  return { open, words: found };
}
