import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorPatterns, findCandidates, findKeys } from '../../src/core/candidates.ts';
import { bundledDetector } from '../../src/core/detector.ts';
import { findMentions } from '../../src/core/matcher.ts';
import { createCompromiseJudge } from '../../src/core/nlp.ts';
import { requiredWords } from '../../src/core/packs/pattern.ts';
import { anyPatternMayMatch, plainVerdict } from '../../src/core/plain-verdicts.ts';
import { SentenceBounds } from '../../src/core/sentences.ts';

const evalDir = resolve(import.meta.dirname, '../eval');
const texts = readdirSync(evalDir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(resolve(evalDir, f), 'utf8').split('\n'))
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { text: string }).text);

const detector = bundledDetector();
const judge = createCompromiseJudge();

describe('plain verdicts', () => {
  it("are compromise's own verdicts, on every ambiguous word and anchor of the labelled sets", () => {
    let settled = 0;
    let dropped = 0;
    for (const text of texts) {
      const hits = findKeys(detector.packs, text);
      const records = new Map([...hits.keys].map(([pack, keys]) => [pack, detector.lookup(pack, keys) as Map<string, never>]));
      const candidates = findCandidates(hits, records);
      const patterns = anchorPatterns(records);
      const bounds = new SentenceBounds(text);
      for (const c of candidates) {
        if (!c.needsNlp) continue;
        const [from, to] = bounds.around(c.start, c.end);
        const sentence = text.slice(from, to);
        const question = {
          offset: from,
          sentence,
          spans: [] as { candidate: number; start: number; end: number }[],
          patterns: [] as string[],
        };
        if (c.anchor) {
          if (anyPatternMayMatch(sentence, patterns.get(c.entity) ?? [])) continue;
          question.patterns.push(c.entity);
          const [answer] = judge([question], patterns);
          expect(answer!.found, sentence).toEqual([]);
          dropped += 1;
        } else if (plainVerdict(sentence, c.start - from, c.end - from)) {
          question.spans.push({ candidate: 0, start: c.start - from, end: c.end - from });
          const [answer] = judge([question], patterns);
          expect(answer!.verdicts, `${c.alias} in: ${sentence}`).toEqual([true]);
          settled += 1;
        }
      }
    }
    // The sets hold plenty of both, so the checks above are not vacuous.
    expect(settled).toBeGreaterThan(50);
    expect(dropped).toBeGreaterThan(300);
  }, 60_000);

  it('leave every mention of the labelled sets as it was, and spare compromise most sentences', () => {
    let withCompromise = 0;
    let plainly = 0;
    for (const text of texts) {
      const request = { packs: detector.packs, lookup: detector.lookup, judge, text };
      const before = findMentions({ ...request, plainly: false });
      const after = findMentions(request);
      expect(after.mentions, text).toEqual(before.mentions);
      withCompromise += before.nlpSentences;
      plainly += after.nlpSentences;
    }
    expect(plainly).toBeLessThan(withCompromise / 2);
  }, 60_000);

  it('leave to compromise what only it can tell', () => {
    const at = (sentence: string, word: string) => plainVerdict(sentence, sentence.indexOf(word), sentence.indexOf(word) + word.length);
    expect(at('Officials said Trump would fly in on Wednesday.', 'Trump')).toBe(true);
    expect(at("The tariffs are largely Trump's idea.", 'Trump')).toBe(true);
    expect(at('Trump said the talks went well.', 'Trump')).toBe(true);
    // A verb after a modal or "to", a command, another person's name, the state.
    expect(at('In the end pragmatism would Trump pride.', 'Trump')).toBeUndefined();
    expect(at('They hoped to Trump the rival bid.', 'Trump')).toBeUndefined();
    expect(at('Trump the rivals and win.', 'Trump')).toBeUndefined();
    expect(at('Later Melania Trump spoke.', 'Trump')).toBeUndefined();
    expect(at('Orchards in eastern Washington state ship apples.', 'Washington')).toBeUndefined();
    expect(at('A portrait of George Washington hangs there.', 'Washington')).toBeUndefined();
    expect(at('He met Trump Jr. later.', 'Trump')).toBeUndefined();
    expect(at("They came to mark Trump's State Visit.", 'Trump')).toBeUndefined();
    expect(at('the trump card', 'trump')).toBeUndefined();
  });

  it('ask of a sentence only words a pattern cannot do without', () => {
    expect(requiredWords('(talks|meeting) between (president|mr)? (donald)? trump and xi')).toEqual([
      ['talks', 'meeting'],
      ['between'],
      ['trump'],
      ['and'],
      ['xi'],
    ]);
    // Numbers, tags and punctuated words ask for nothing: compromise reads them its own way.
    expect(requiredWords('(additional|extra)? 100% (tariff|tariffs)')).toEqual([['tariff', 'tariffs']]);
    expect(requiredWords('(talks|sit-down) (in|at) (u.s.|busan)')).toEqual([
      ['talks', 'sit'],
      ['in', 'at'],
      ['u', 'busan'],
    ]);
    expect(requiredWords('(sept|september) #Value? (call|conversation)')).toEqual([
      ['sept', 'september'],
      ['call', 'conversation'],
    ]);
    expect(anyPatternMayMatch('Trump and Xi met.', ['(talks|meeting) between trump and xi'])).toBe(false);
    expect(anyPatternMayMatch('The meeting between Trump and Xi ran long.', ['(talks|meeting) between trump and xi'])).toBe(true);
  });

  it('finds a needed word whole exactly where a Unicode regular expression would', () => {
    // The test reads a string and its neighbours, not a regular expression per word (see
    // plain-verdicts.ts); this is the regular expression it stands for, on texts made to be hard:
    // words inside words, digits, accents, astral letters and lone surrogates beside them.
    const pieces = [
      'in',
      'talks',
      'x',
      'inside',
      '9',
      'é',
      'ß',
      ' ',
      '-',
      "'",
      '\u{1d400}',
      '\u{1f600}',
      '\ud835',
      '\udc00',
      '\u0663',
      'İ',
    ];
    const asRegex = (sentence: string, word: string) =>
      new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'u').test(sentence.toLowerCase());
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), fc.constantFrom('in', 'talks', 'x', 'é'), (parts, word) => {
        const sentence = parts.join('');
        expect(anyPatternMayMatch(sentence, [word]), JSON.stringify(sentence)).toBe(asRegex(sentence, word));
      }),
      { numRuns: 3000 },
    );
  });
});
