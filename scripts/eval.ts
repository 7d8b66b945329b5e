/**
 * `npm run eval [-- --set dev|holdout|holdout-blind|real-classes|all]`: precision, recall and F1, by kind, the worst entities,
 * and every error.
 * `npm run eval -- --pages [--set …] [--size N] [--items FILE.jsonl] [--write DIR]`: the sets read
 * as pages of N items (scripts/eval-pages.ts): which pages the page-level rule shows, and precision
 * and recall with and without it. `--items` reads other labelled items in the same format;
 * `--write` also writes the pages as HTML, for `npm run corpus -- --highlights --corpus DIR`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitRef } from '../src/core/alias-index.ts';
import { bundledDetector, bundledLoaded } from '../src/core/detector.ts';
import { anchorPatterns, findCandidates, findKeys } from '../src/core/candidates.ts';
import { nlpQuestions } from '../src/core/sentences.ts';
import { evaluate, loadSet, type EvalItem, type Score, type SetName } from './eval-lib.ts';
import { composePages, pageHtml, pagesReport, PAGE_ITEMS } from './eval-pages.ts';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const which = arg('--set') ?? (process.argv.includes('--pages') ? 'all' : 'dev');
if (!['dev', 'holdout', 'holdout-blind', 'real-classes', 'all'].includes(which)) {
  console.error(`--set must be dev, holdout, holdout-blind, real-classes or all, not "${which}"`);
  process.exit(2);
}
const fmt = (s: Score): string =>
  `P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;

if (process.argv.includes('--pages')) {
  const size = Number(arg('--size') ?? PAGE_ITEMS);
  const itemsFile = arg('--items');
  const sets: [string, EvalItem[]][] = itemsFile
    ? [
        [
          itemsFile,
          readFileSync(resolve(itemsFile), 'utf8')
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l) as EvalItem),
        ],
      ]
    : (which === 'all' ? (['dev', 'holdout', 'holdout-blind'] as const) : [which as SetName]).map((name) => [name, loadSet(name)]);
  const { entities } = bundledLoaded();
  const relevanceOf = (ref: string) => entities.get(splitRef(ref).id)?.relevance ?? 'story';
  const write = arg('--write');
  if (write) mkdirSync(resolve(write), { recursive: true });
  for (const [name, items] of sets) {
    const pages = composePages(name.replace(/^.*\//, '').replace(/\.jsonl$/, ''), items, size);
    const report = await pagesReport(pages, bundledDetector(), relevanceOf);
    const labelled = report.pages.filter((p) => p.labelled);
    const missed = labelled.filter((p) => !p.shown);
    console.log(`${name}: ${items.length} items in ${pages.length} pages of ${size}; ${labelled.length} with labels`);
    console.log(`  labelled pages shown   ${labelled.length - missed.length} of ${labelled.length}`);
    console.log(
      `  pages without labels shown ${report.pages.filter((p) => !p.labelled && p.shown).length} of ${pages.length - labelled.length}`,
    );
    console.log(`  every mention shown    ${fmt(report.without)}`);
    console.log(`  with the page rule     ${fmt(report.with)}`);
    for (const p of missed) console.log(`  not shown: ${p.page.id} (${p.page.items.map((i) => i.id).join(', ')})`);
    if (write) for (const p of pages) writeFileSync(join(resolve(write), `${p.id}.html`), pageHtml(p));
  }
  process.exit(0);
}

const items: EvalItem[] =
  which === 'all'
    ? [...loadSet('dev'), ...loadSet('holdout'), ...loadSet('holdout-blind'), ...loadSet('real-classes')]
    : loadSet(which as SetName);
const report = evaluate(items);

console.log(`Set: ${which} — ${items.length} items, ${items.filter((i) => i.trap).length} traps`);
console.log(`Overall       ${fmt(report.overall)}`);
for (const [kind, s] of Object.entries(report.byKind)) console.log(`  ${kind.padEnd(12)}${fmt(s)}`);
console.log(`Traps highlighted: ${report.trapsHighlighted.length}`);
const worst = [...report.byEntity]
  .filter(([, s]) => s.fp + s.fn > 0)
  .sort(([, a], [, b]) => a.f1 - b.f1)
  .slice(0, 10);
if (worst.length) {
  console.log('Worst entities:');
  for (const [entity, s] of worst) console.log(`  ${entity.padEnd(26)}${fmt(s)}`);
}
const errors = report.results.filter((r) => r.wrong.length || r.missed.length);
if (errors.length) console.log(`\nErrors (${errors.length} items):`);
for (const r of errors) {
  console.log(`- ${r.item.id}${r.item.trap ? ' [trap]' : ''}: ${r.item.text}`);
  for (const s of r.wrong) console.log(`    wrong:  "${s.text}" → ${s.entity} @${s.start}`);
  for (const s of r.missed) console.log(`    missed: "${s.text}" → ${s.entity} @${s.start}`);
}

// What compromise costs: every sentence the matcher would hand it, tagged again here and timed.
const detector = bundledDetector();
const loaded = bundledLoaded();
const records = new Map([[loaded.manifest.id, loaded.records]]);
const packs = [{ id: loaded.manifest.id, table: loaded.table }];
const questions = items.flatMap((item) => nlpQuestions(item.text, findCandidates(findKeys(packs, item.text), records)));
const patterns = anchorPatterns(records);
const chars = questions.reduce((n, q) => n + q.sentence.length, 0);
detector.judge(questions.slice(0, 5), patterns); // first call warms compromise's lexicon
const began = performance.now();
for (let round = 0; round < 3; round++) detector.judge(questions, patterns);
const ms = (performance.now() - began) / 3;
console.log(
  `\ncompromise: ${questions.length} sentences from ${items.length} items needed it, ${(chars / 1024).toFixed(1)} KB, ` +
    `${ms.toFixed(1)} ms → ${(ms / (chars / 1024)).toFixed(2)} ms per KB (${((chars / 1024 / ms) * 1000).toFixed(0)} KB/s)`,
);
