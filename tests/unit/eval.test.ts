import { describe, expect, it } from 'vitest';
import { evaluate, goldSpans, loadSet } from '../../scripts/eval-lib.ts';
import { composePages, pagesReport } from '../../scripts/eval-pages.ts';
import { splitRef } from '../../src/core/alias-index.ts';
import { bundledDetector, bundledLoaded } from '../../src/core/detector.ts';

// Floors from the detection issue; the test fails if accuracy slips below them on either set.
const PRECISION_FLOOR = 0.97;
const RECALL_FLOOR = 0.93;

describe.each(['dev', 'holdout'] as const)('detection on the %s set', (name) => {
  const items = loadSet(name);
  const report = evaluate(items);

  it('has labels that point at real text', () => {
    for (const item of items) for (const span of goldSpans(item)) expect(item.text.slice(span.start, span.end)).toBe(span.text);
  });

  it(`keeps precision ≥ ${PRECISION_FLOOR} and recall ≥ ${RECALL_FLOOR}`, () => {
    expect(report.overall.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(report.overall.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it('highlights no trap', () => {
    expect(report.trapsHighlighted.map((r) => `${r.item.id}: ${r.wrong.map((w) => w.text).join(', ')}`)).toEqual([]);
  });
});

describe('detection on the blind set (written without sight of the aliases, then used for tuning once)', () => {
  const report = evaluate(loadSet('holdout-blind'));

  it(`keeps precision ≥ ${PRECISION_FLOOR} and recall ≥ ${RECALL_FLOOR}`, () => {
    expect(report.overall.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(report.overall.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it('highlights only the two traps known to beat it', () => {
    // blind-021: "Security Concerns Trump Convenience", a verb in a Title Case headline that the tagger reads as a name.
    // blind-056: "soybean purchases" said of the 2020 deal, not the 2025 commitments.
    expect(report.trapsHighlighted.map((r) => r.item.id)).toEqual(['blind-021', 'blind-056']);
  });
});

// Our own sentences reproducing each failure class found in real wire and newspaper copy (issue 19):
// bare surnames after a full name, events as reporters phrase them, other years, other senses,
// forms of address and datelines, the entities real coverage named that the pack lacked.
describe('detection on the failure classes of real reporting', () => {
  const items = loadSet('real-classes');
  const report = evaluate(items);
  const classes = [...new Set(items.map((item) => item.style))];

  it('has labels that point at real text', () => {
    for (const item of items) for (const span of goldSpans(item)) expect(item.text.slice(span.start, span.end)).toBe(span.text);
  });

  it(`keeps precision ≥ ${PRECISION_FLOOR}, recall ≥ 0.95 and event recall ≥ 0.9`, () => {
    expect(report.overall.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.byKind.event.recall).toBeGreaterThanOrEqual(0.9);
  });

  it.each(classes)('finds ≥ 0.9 of the mentions in the %s class', (style) => {
    const results = report.results.filter((r) => r.item.style === style);
    const gold = results.reduce((n, r) => n + goldSpans(r.item).length, 0);
    const missed = results.reduce((n, r) => n + r.missed.length, 0);
    expect(gold).toBeGreaterThan(0);
    expect((gold - missed) / gold).toBeGreaterThanOrEqual(0.9);
  });

  it('highlights no trap (other years, other senses, surnames of two people)', () => {
    expect(report.trapsHighlighted.map((r) => `${r.item.id}: ${r.wrong.map((w) => w.text).join(', ')}`)).toEqual([]);
  });
});

describe('the sets read as pages (the page-level rule, src/core/relevance.ts)', () => {
  it('shows every labelled page of every set, with precision and recall unchanged', async () => {
    const { entities } = bundledLoaded();
    const relevanceOf = (ref: string) => entities.get(splitRef(ref).id)?.relevance ?? 'story';
    for (const name of ['dev', 'holdout', 'holdout-blind'] as const) {
      const report = await pagesReport(composePages(name, loadSet(name)), bundledDetector(), relevanceOf);
      const missed = report.pages.filter((p) => p.labelled && !p.shown).map((p) => p.page.id);
      expect(missed, name).toEqual([]);
      expect(report.with, name).toEqual(report.without);
    }
    // Every labelled sentence through the detector twice: seconds on a busy machine.
  }, 60_000);
});
