import type { Entity, MatchRule } from '../../core/types';
import { formatDate, relativeToNow } from '../../core/dates';

export interface CardProps {
  entity: Entity;
  reviewed: string;
  why?: { alias: string; rule: MatchRule };
  now: Date;
  onClose(): void;
}

const KIND_LABEL: Record<Entity['kind'], string> = {
  person: 'Person',
  place: 'Place',
  organization: 'Organization',
  event: 'Event',
  topic: 'Topic',
};

const RULE_LABEL: Record<MatchRule, string> = {
  name: 'name',
  title: 'title and surname',
  described: 'description of a name on this page',
  dateline: 'dateline',
  nlp: 'name, confirmed by language analysis',
};

const FACTS_SHOWN = 3;

function When({ date, now }: { date: string; now: Date }) {
  return (
    <time dateTime={date}>
      {formatDate(date)} · {relativeToNow(date, now)}
    </time>
  );
}

/** The context card: renders props only; CardHost owns where it sits and when it goes. */
export function Card({ entity, reviewed, why, now, onClose }: CardProps) {
  const titleId = `summit-lens-card-${entity.id}`;
  const facts = [...entity.facts].sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, FACTS_SHOWN);
  return (
    <section class={`card kind-${entity.kind}`} role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <header>
        <p class="kind">
          {KIND_LABEL[entity.kind]} · {entity.type}
        </p>
        <h2 id={titleId}>{entity.name}</h2>
        <button type="button" class="close" aria-label="Close card" onClick={onClose}>
          ×
        </button>
      </header>
      <p class="role">
        {entity.role.text} <span class="asof">(as of {formatDate(entity.role.asOf)})</span>
      </p>
      <p class="summary">{entity.summary}</p>
      <ul class="facts">
        {facts.map((fact) => (
          <li key={fact.text}>
            <When date={fact.date} now={now} />
            <p>
              {fact.unconfirmed && <strong class="unconfirmed">Unconfirmed: </strong>}
              {fact.text}
            </p>
            <p class="sources">
              {fact.sources.map((source, i) => (
                <span key={source.url}>
                  {i > 0 && ' · '}
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    {source.outlet}
                  </a>
                  {source.via && ` (via ${source.via})`}
                  {source.date && `, ${formatDate(source.date)}`}
                </span>
              ))}
            </p>
          </li>
        ))}
      </ul>
      {entity.caveat && <p class="caveat">{entity.caveat}</p>}
      <footer>
        {why && (
          <p class="why">
            Highlighted as “{why.alias}” ({RULE_LABEL[why.rule]})
          </p>
        )}
        <p>Facts bundled with Summit Lens, last reviewed {formatDate(reviewed)}.</p>
      </footer>
    </section>
  );
}
