// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Card } from '../../src/content/card/Card';
import { loadFactBase } from '../../src/core/facts';

const base = loadFactBase();
const now = new Date('2026-11-25T12:00:00Z');

describe('the card', () => {
  it.each(base.entities.map((e) => [e.id, e] as const))('renders %s with dated, sourced facts', (_id, entity) => {
    const root = document.createElement('div');
    render(
      <Card entity={entity} reviewed={base.reviewed} now={now} onClose={() => {}} why={{ alias: entity.aliases[0]!.text, rule: 'name' }} />,
      root,
    );
    const dialog = root.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe(dialog.querySelector('h2')!.id);
    expect(root.querySelector('h2')!.textContent).toBe(entity.name);
    expect(root.querySelector('.role')!.textContent).toContain('as of');
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
      }
    }
    expect(root.textContent).toContain('last reviewed 25 Nov 2025');
  });

  it('shows fact text containing markup as text', () => {
    const entity = structuredClone(base.entities[0]!);
    entity.facts[0]!.text = '<img src=x onerror=alert(1)> bold <b>claim</b>';
    entity.facts[0]!.date = '2099-01-01';
    const root = document.createElement('div');
    render(<Card entity={entity} reviewed={base.reviewed} now={now} onClose={() => {}} />, root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.facts b')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
