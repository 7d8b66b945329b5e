import { h, render } from 'preact';
import type { CardData } from '../core/card-data';
import { Card } from './card/Card';
import cardCss from './card/card.css?inline';
import { CardHost } from './card-host';
import { Highlighter } from './highlighter';
import { trackHover } from './hover';
import { scanPage, type PageMention, type RemoteJudge } from './scan';
import { sliceBudget, whenIdle } from './budget';

export interface LensDeps {
  doc: Document;
  judge: RemoteJudge;
  fetchEntity(id: string): Promise<CardData | undefined>;
}

const INTENT_MS = 300;
const GRACE_MS = 300;

/**
 * The page side of Summit Lens: scan, draw, and answer hovers with a card. It adds listeners
 * and the UI host only when the page has something to annotate, and takes all of it away on stop().
 */
export class Lens {
  readonly #deps: LensDeps;
  readonly #highlighter = new Highlighter();
  #run?: AbortController;
  #host?: CardHost;
  #mentions: PageMention[] = [];

  constructor(deps: LensDeps) {
    this.#deps = deps;
  }

  get mentions(): readonly PageMention[] {
    return this.#mentions;
  }

  async start(): Promise<void> {
    if (this.#run) return;
    if (!Highlighter.supported()) {
      console.info('[Summit Lens] this browser has no CSS Custom Highlight API; standing down');
      return;
    }
    const run = new AbortController();
    this.#run = run;
    await whenIdle();
    if (run.signal.aborted) return;
    const { doc } = this.#deps;
    performance.mark('summit-lens:scan-start');
    const { mentions, stats } = await scanPage(doc.body ?? doc.documentElement, this.#deps.judge, sliceBudget());
    if (run.signal.aborted) return;
    this.#mentions = mentions;
    if (mentions.length === 0) return;
    this.#highlighter.draw(mentions);
    // The stats ride on the measure so the demo and the benchmark can read them from the page.
    performance.measure('summit-lens:annotate', { start: 'summit-lens:scan-start', detail: stats });
    this.#listen(run.signal);
  }

  stop(): void {
    this.#run?.abort();
    this.#run = undefined;
    this.#highlighter.clear();
    this.#closeCard();
    this.#host?.destroy();
    this.#host = undefined;
    this.#mentions = [];
  }

  #listen(signal: AbortSignal): void {
    const byNode = new Map<Text, PageMention[]>();
    for (const m of this.#mentions) {
      const nodes = new Set<Node>([m.range.startContainer, m.range.endContainer]);
      for (const node of nodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        byNode.set(node as Text, [...(byNode.get(node as Text) ?? []), m]);
      }
    }
    trackHover({
      doc: this.#deps.doc,
      signal,
      intentMs: INTENT_MS,
      graceMs: GRACE_MS,
      targetsIn: (node) => byNode.get(node)?.map((m) => ({ ...m, rects: () => m.range.getClientRects() })),
      isInsideCard: (target) => this.#host?.contains(target) ?? false,
      onIntent: (target, rect) => void this.#openCard(target, rect, signal),
      onLeave: () => this.#closeCard(),
    });
  }

  async #openCard(target: PageMention, anchor: DOMRect, signal: AbortSignal): Promise<void> {
    const data = await this.#deps.fetchEntity(target.mention.entity);
    if (!data || signal.aborted) return;
    this.#host ??= new CardHost(this.#deps.doc, cardCss);
    const host = this.#host;
    render(
      h(Card, {
        ...data,
        why: { alias: target.mention.why.alias, rule: target.mention.why.rule },
        now: new Date(),
        onClose: () => this.#closeCard(),
      }),
      host.container,
    );
    host.place(anchor);
  }

  #closeCard(): void {
    if (!this.#host) return;
    render(null, this.#host.container);
    this.#host.hide();
  }
}
