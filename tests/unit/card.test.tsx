// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Card } from '../../src/card/Card.tsx';
import { buildCardData, memoryCardSource, type CardData } from '../../src/core/card-data.ts';
import { bundledLoaded } from '../../src/core/detector.ts';
import { useUiLanguage } from './setup.ts';

const base = { entities: [...bundledLoaded().entities.values()] };
const source = memoryCardSource(bundledLoaded(), true);
const cards = new Map<string, CardData>(
  await Promise.all(base.entities.map(async (e) => [e.id, (await buildCardData(source, e.id))!] as const)),
);
const now = new Date('2026-11-25T12:00:00Z');

function renderCard(id: string, patch?: (data: CardData) => void): HTMLElement {
  const data = structuredClone(cards.get(id)!);
  patch?.(data);
  const root = document.createElement('div');
  render(<Card {...data} now={now} onClose={() => {}} why={{ alias: data.entity.aliases[0]!.text, rule: 'name' }} />, root);
  return root;
}

describe('the card', () => {
  it.each(base.entities.map((e) => [e.id, e] as const))('renders %s with its role as of a date and dated, sourced facts', (id, entity) => {
    const root = renderCard(id);
    const dialog = root.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe(dialog.querySelector('h2')!.id);
    expect(root.querySelector('h2')!.textContent).toBe(entity.name);
    expect(root.querySelector('.role')!.textContent).toMatch(/\(as of (\w{3} \d{1,2}, \d{4}|\w{3} \d{4}|\d{4})\)/);
    expect(root.querySelector('.summary')!.textContent!.length).toBeGreaterThan(20);
    const facts = root.querySelectorAll('.facts li');
    expect(facts.length).toBeGreaterThanOrEqual(2);
    for (const fact of facts) {
      expect(fact.querySelector('time')!.textContent).toMatch(/\d{4} · .*(ago|today)/);
      expect(fact.querySelector('p')!.textContent!.trim().length).toBeGreaterThan(10);
      const links = [...fact.querySelectorAll('a')];
      expect(links.length).toBeGreaterThan(0);
      for (const a of links) {
        expect(a.getAttribute('href')).toMatch(/^https:\/\//);
        expect(a.getAttribute('target')).toBe('_blank');
        expect(a.getAttribute('rel')).toContain('noopener');
        expect(a.textContent!.trim()).not.toBe('');
      }
    }
    expect(root.textContent).toContain('last reviewed Nov 25, 2025');
    // The card names the pack its facts come from.
    expect(root.querySelector('.pack')!.textContent).toContain('The Trump–Xi meeting in Busan (2025)');
    // Every linked id resolves to a name: no raw ids on a card.
    for (const related of entity.related)
      expect(root.querySelector('.related')!.textContent).toContain(base.entities.find((e) => e.id === related)!.name);
  });

  it.each(base.entities.filter((e) => e.kind === 'event').map((e) => [e.id] as const))('places event %s on the story timeline', (id) => {
    const root = renderCard(id);
    const svg = root.querySelector('.timeline svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toContain('Timeline of the story');
    expect(root.querySelectorAll('.timeline .other').length).toBeGreaterThanOrEqual(5);
    expect(root.querySelector('.timeline .here text')!.textContent).toMatch(/\d{4}/);
    expect(root.querySelector('.event')!.textContent).toContain('When');
  });

  it('computes "how long ago" from the moment it opens', () => {
    const data = cards.get('busan-meeting-2025')!;
    const at = (when: string) => {
      const root = document.createElement('div');
      render(<Card {...data} now={new Date(when)} onClose={() => {}} />, root);
      return root.querySelector('.event dd')!.textContent;
    };
    expect(at('2025-11-30T00:00:00Z')).toContain('1 month ago');
    expect(at('2027-12-01T00:00:00Z')).toContain('2 years ago');
  });

  it('shows fact text containing markup as text', () => {
    const root = renderCard('donald-trump', (data) => {
      data.entity.facts[0]!.text = '<img src=x onerror=alert(1)> bold <b>claim</b>';
      data.entity.facts[0]!.date = '2099-01-01';
    });
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.facts b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('frames the facts in the interface language and says when they are in another', () => {
    useUiLanguage('ko');
    const root = renderCard('busan-meeting-2025');
    expect(root.querySelector('.kind')!.textContent).toMatch(/^사건 · /);
    expect(root.querySelector('.role')!.textContent).toMatch(/\(\d{4}년 \d{1,2}월( \d{1,2}일)? 기준\)/);
    expect(root.querySelector('.event dt')!.textContent).toBe('일시');
    expect(root.querySelector('.event dd')!.textContent).toMatch(/^2025년 10월 30일 · \d+년 전$/);
    expect(root.querySelector('.timeline svg')!.getAttribute('aria-label')).toMatch(/^이야기의 타임라인: /);
    expect(root.querySelector('.timeline .month')!.textContent).toBe('5월');
    expect(root.querySelector('.close')!.getAttribute('aria-label')).toBe('카드 닫기');
    // The bundled pack's revision changes with its content: the Korean wording around it is what is checked.
    expect(root.querySelector('.pack')!.textContent).toMatch(
      /^출처: Summit Lens 기본 팩 “The Trump–Xi meeting in Busan \(2025\)”( 개정 \d+판)?\. 최종 검토 \d{4}년 \d{1,2}월 \d{1,2}일\.$/,
    );
    // The facts stay in the pack's language, and the card says which it is, in Korean.
    expect(root.querySelector('.language')!.textContent).toBe('이 카드의 내용은 팩의 언어인 영어로 되어 있습니다.');
    expect(root.querySelector('.why')!.textContent).toMatch(/^“.+”\(으\)로 강조 표시됨 \(이름\)$/);
    // An English card has no such note: the facts are in its language.
    useUiLanguage('en-GB');
    expect(renderCard('busan-meeting-2025').querySelector('.language')).toBeNull();
  });
});
