import { describe, expect, it } from 'vitest';
import { local, ref } from './helpers.ts';
import { bundledDetector, bundledLoaded } from '../../src/core/detector.ts';
import { nearInParagraph } from '../../src/core/candidates.ts';
import { packsAbout, RELATED_NEEDED } from '../../src/core/relevance.ts';
import { checkPack } from '../../src/core/packs/validate.ts';
import { bundledPack } from '../../src/core/packs/bundled.ts';
import type { Relevance } from '../../src/core/types.ts';

const found = (text: string): string[] =>
  bundledDetector()
    .annotate(text)
    .map((m) => `${m.text}=${local(m.entity)}`);

const { entities } = bundledLoaded();
const relevanceOf = (id: string): Relevance => entities.get(id)?.relevance ?? 'story';
/** The bundled pack's decision for a page naming these entities. */
const about = (...ids: string[]): boolean => packsAbout(ids.map((id) => ({ entity: ref(id), relevance: relevanceOf(id) }))).size > 0;

describe('the page-level rule (is this page about the story?)', () => {
  it('needs one story entity, or two different related ones; the world never counts', () => {
    expect(about('xi-jinping')).toBe(true);
    expect(about('busan-meeting-2025')).toBe(true);
    expect(about('gimhae-air-base')).toBe(true);
    expect(about('kuala-lumpur-talks-2025')).toBe(true);
    expect(about('rare-earth-controls')).toBe(true);
    expect(RELATED_NEEDED).toBe(2);
    expect(about('busan')).toBe(false);
    expect(about('busan', 'apec')).toBe(true);
    expect(about('scott-bessent', 'jamieson-greer')).toBe(true);
    // Trump is related: one of the two principals, but alone he says nothing of this story.
    expect(about('donald-trump')).toBe(false);
    expect(about('donald-trump', 'anwar-ibrahim')).toBe(true);
    for (const world of ['china', 'japan', 'washington', 'white-house', 'tokyo', 'tiktok', 'marco-rubio']) {
      expect(about(world), world).toBe(false);
    }
    expect(about('china', 'japan', 'washington', 'white-house', 'tokyo', 'tiktok', 'donald-trump', 'beijing')).toBe(false);
    // The same related entity named twice is still one.
    expect(about('busan', 'busan', 'china')).toBe(false);
    expect(about()).toBe(false);
  });

  it('decides per pack: one pack\u2019s story does not open another pack\u2019s world', () => {
    const named = [
      { entity: 'summit-2025/xi-jinping', relevance: 'story' as const },
      { entity: 'thai-cambodia-2025/thailand', relevance: 'world' as const },
      { entity: 'other/a', relevance: 'related' as const },
      { entity: 'other/b', relevance: 'related' as const },
      { entity: 'third/c', relevance: 'related' as const },
    ];
    expect([...packsAbout(named)].sort()).toEqual(['other', 'summit-2025']);
  });

  it('reads an entity without a relevance as story, so a pack that never says keeps every page', () => {
    const base = bundledPack();
    const silent = { ...base, entities: base.entities.map(({ relevance: _dropped, ...e }) => e) };
    const checked = checkPack(silent, { file: 'silent.slpack', appVersion: '9.9.9' });
    expect(checked.problems).toEqual([]);
    expect(checked.pack?.entities.every((e) => e.relevance === undefined)).toBe(true);
    const wrong = { ...base, entities: [{ ...base.entities[0], relevance: 'central' }, ...base.entities.slice(1)] };
    expect(checkPack(wrong, { file: 'wrong.slpack', appVersion: '9.9.9' }).problems).toEqual([
      expect.stringContaining('must be one of story, related, world'),
    ]);
  });
});

describe('names inside other names', () => {
  it('are not the places: companies, publications, brands and polls', () => {
    expect(found('She read it on Yahoo Japan, Yahoo! Japan and in The Japan Times.')).toEqual([]);
    expect(found('CNET Japan and Mozilla Japan covered the launch.')).toEqual([]);
    expect(found('The Korea Times cited a Gallup Korea poll.')).toEqual([]);
    expect(found('Washington Markup is a newsletter; the Washington Post and the Washington Examiner disagreed.')).toEqual([]);
  });

  it('while their twins still name the places', () => {
    expect(found('The talks in Japan went well.')).toEqual(['Japan=japan']);
    expect(found("Korea's president spoke.")).toEqual(['Korea=south-korea']);
    expect(found('Washington imposed the markup on Chinese goods.')).toEqual(['Washington=washington']);
    expect(found('Times were hard in Korea.')).toEqual(['Korea=south-korea']);
  });

  it('"N. Korea" and "N Korea" are North Korea, never South Korea', () => {
    expect(found('Talks with N. Korea stalled; N Korea fired a missile; N.Korea said no.')).toEqual([]);
  });

  it('"Washington-based" is the state where the paragraph is in the Pacific Northwest, the capital elsewhere', () => {
    expect(found('Out of Seattle, the broader Washington-based halibut fleet sailed north.')).toEqual([]);
    expect(found('The Washington-based think tank said the tariffs would stay.')).toEqual(['Washington=washington']);
    // The near word must stand in the same paragraph, as a whole word.
    expect(found('Seattle is far away.\nThe Washington-based think tank said so.')).toEqual(['Washington=washington']);
    expect(found('Seattleites aside, the Washington-based think tank said so.')).toEqual(['Washington=washington']);
  });

  it('descriptive phrases keep their nested mentions, as the conventions say', () => {
    expect(found('A U.S.-China summit.')).toEqual(['U.S.-China summit=busan-meeting-2025', 'China=china']);
    expect(found('The Communist Party of China met.')).toEqual(['China=china']);
  });

  it('a conditional distractor looks only in its own paragraph, at whole words', () => {
    const text = 'Portland and Tacoma.\nThe Washington-based fleet.\nSpokane';
    const at = text.indexOf('Washington');
    expect(nearInParagraph(text, at, ['tacoma', 'spokane'])).toBe(false);
    expect(nearInParagraph(text.replace('fleet', 'fleet of Tacoma'), at, ['tacoma'])).toBe(true);
    expect(nearInParagraph('Tacomas and the Washington-based fleet', 16, ['tacoma'])).toBe(false);
  });

  it('reads a heading with the paragraph under it, and a sentence on its own', () => {
    expect(nearInParagraph('China Set\n\nA set of white porcelain.', 0, ['porcelain'])).toBe(true);
    expect(nearInParagraph('China Set\nA set of white porcelain.\nMore porcelain.', 0, ['more porcelain'])).toBe(false);
    expect(nearInParagraph('China set a deadline.\nA set of white porcelain.', 0, ['porcelain'])).toBe(false);
  });
});
