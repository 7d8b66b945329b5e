/**
 * The labelled sets read as pages, to measure the page-level rule (src/core/relevance.ts) on the
 * story's side: consecutive items make a page, as a headline, a caption and a few paragraphs of
 * one article do. A page is read as the extension reads one (its items are its blocks, one find
 * over all of them); its mentions are shown only where that says it is about a pack's story.
 * Precision and recall are then scored item by item as `npm run eval` scores them, counting what a
 * page does not show as missed: the rule changes nothing where every labelled page is shown.
 */
import type { MemoryDetector } from '../src/core/detector.ts';
import { packsAbout } from '../src/core/relevance.ts';
import type { Relevance } from '../src/core/types.ts';
import { evaluateItem, score, type EvalItem, type Score } from '../src/cli/score.ts';

/** Items per page: about 1,000 to 1,400 characters, as short as the shortest real coverage. */
export const PAGE_ITEMS = 6;

export interface ComposedPage {
  id: string;
  items: EvalItem[];
}

export function composePages(name: string, items: readonly EvalItem[], size = PAGE_ITEMS): ComposedPage[] {
  const pages: ComposedPage[] = [];
  for (let i = 0; i < items.length; i += size) pages.push({ id: `${name}-page-${pages.length + 1}`, items: items.slice(i, i + size) });
  return pages;
}

export interface PageOutcome {
  page: ComposedPage;
  labelled: boolean;
  /** The packs whose story the page is about, by what the detector found on it. */
  about: Set<string>;
  shown: boolean;
}

export interface PagesReport {
  pages: PageOutcome[];
  /** Item by item, every mention shown (as `npm run eval` scores). */
  without: Score;
  /** Item by item, only what the page shows. */
  with: Score;
}

/** The pages' outcomes and both scores. `relevanceOf` gives an entity reference's relevance. */
export async function pagesReport(
  pages: readonly ComposedPage[],
  detector: MemoryDetector,
  relevanceOf: (ref: string) => Relevance,
): Promise<PagesReport> {
  const outcomes: PageOutcome[] = [];
  const all = { tp: 0, fp: 0, fn: 0 };
  const gated = { tp: 0, fp: 0, fn: 0 };
  for (const page of pages) {
    const found = await detector.find(page.items.map((i) => i.text).join('\n'));
    const about = packsAbout(
      [...new Set(found.mentions.map((m) => m.entity))].map((entity) => ({ entity, relevance: relevanceOf(entity) })),
    );
    const shownPack = (ref: string): boolean => about.has(ref.slice(0, ref.indexOf('/')));
    const labelled = page.items.some((i) => i.mentions.length > 0);
    outcomes.push({ page, labelled, about, shown: about.size > 0 });
    for (const item of page.items) {
      const r = evaluateItem(item, detector);
      all.tp += r.right.length;
      all.fp += r.wrong.length;
      all.fn += r.missed.length;
      const right = r.right.filter((s) => shownPack(s.entity)).length;
      gated.tp += right;
      gated.fp += r.wrong.filter((s) => shownPack(s.entity)).length;
      gated.fn += r.missed.length + (r.right.length - right);
    }
  }
  return { pages: outcomes, without: score(all.tp, all.fp, all.fn), with: score(gated.tp, gated.fp, gated.fn) };
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A composed page as an HTML document, one paragraph per item, for the browser run (npm run corpus -- --highlights). */
export function pageHtml(page: ComposedPage): string {
  const body = page.items.map((i) => `<p>${escapeHtml(i.text)}</p>`).join('\n');
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${page.id}</title></head>\n<body>\n${body}\n</body>\n</html>\n`;
}
