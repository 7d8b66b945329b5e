import { splitRef } from './alias-index.ts';
import type { Relevance } from './types.ts';

/**
 * Whether a page is about a pack's story. A reader installs Summit Lens to follow one story, and it
 * reads every page they open: a lone "China" in a footer or "Trump" in a 2017 cabinet story is the
 * world the story happens in, not the story, and a card about it there is noise. So each pack says,
 * for each of its own entities, how much naming it tells (its `relevance`), and each pack decides
 * for its own names:
 *
 *   a page is about a pack's story when the entities of that pack it names include one `story`
 *   entity, or RELATED_NEEDED different `related` ones; `world` entities never count.
 *
 * What counts is the entities the page names (as the background checked them), each once however
 * often it is named: a tour operator's page that says "Japan" forty times is still only Japan. The
 * page side reads this twice: the quick look does not read a page whose only keys name the world
 * (key flags, alias-index.ts), and the page shows a pack's mentions only where this says yes.
 */

/** How many different `related` entities together say a page is about the story. */
export const RELATED_NEEDED = 2;

/** One entity a page names, with how much it says about its pack's story. */
export interface Named {
  /** The entity's reference ("summit-2025/xi-jinping"). */
  entity: string;
  relevance: Relevance;
}

/** The packs whose story the page is about, by the rule above. */
export function packsAbout(named: Iterable<Named>): Set<string> {
  const about = new Set<string>();
  const related = new Map<string, Set<string>>();
  for (const { entity, relevance } of named) {
    if (relevance === 'world') continue;
    const { pack } = splitRef(entity);
    if (about.has(pack)) continue;
    if (relevance === 'story') {
      about.add(pack);
      continue;
    }
    const seen = related.get(pack) ?? new Set<string>();
    seen.add(entity);
    related.set(pack, seen);
    if (seen.size >= RELATED_NEEDED) about.add(pack);
  }
  return about;
}
