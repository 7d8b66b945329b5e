import type { CardData } from '../core/card-data.ts';
import type { Entity, MatchRule } from '../core/types.ts';
import { formatDate, relativeToNow } from '../core/dates.ts';
import { Timeline } from './Timeline.tsx';

export interface CardProps extends CardData {
  why?: { alias: string; rule: MatchRule } | undefined;
  now: Date;
  onClose(): void;
  /** Switch the card to a related entity. */
  onSelect?(id: string): void;
  /** Go back to the card this one was opened from. */
  onBack?: (() => void) | undefined;
  /** Entities of other packs highlighted on the same words, and how to switch the card to one. */
  also?: readonly { ref: string; name: string; pack: string }[];
  onSwitch?(ref: string): void;
  /** Whether the reader pinned the card open, and how to toggle it (no button where there is nothing to pin, as in the popup). */
  pinned?: boolean;
  onPin?: (() => void) | undefined;
}

/** The card's controls, named in one place. */
const CONTROL_LABEL = {
  close: 'Close card',
  pin: 'Pin card',
  pinnedHint: 'Pinned: stays open until you close it',
} as const;

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
  pattern: 'phrase found by language analysis',
  surname: 'surname of a name on this page',
};

const FACTS_SHOWN = 3;

function When({ date, now }: { date: string; now: Date }) {
  return (
    <time dateTime={date}>
      {formatDate(date)} · {relativeToNow(date, now)}
    </time>
  );
}

/** The context card (plain divs, not header/footer: inside a page those would be extra landmarks): renders props only; CardHost owns where it sits and when it goes. */
/** A pushpin: outlined when the card is not pinned, filled when it is. */
function PinIcon({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path
        d="M9 3h6l-1.2 6.2L17 12.5V14h-4.2v6L12 21.5 11.2 20v-6H7v-1.5l3.2-3.3z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        stroke-width="1.6"
        stroke-linejoin="round"
      />
    </svg>
  );
}

export function Card({
  entity,
  pack,
  names,
  timeline,
  why,
  now,
  onClose,
  onSelect,
  onBack,
  also = [],
  onSwitch,
  pinned = false,
  onPin,
}: CardProps) {
  const titleId = `summit-lens-card-${entity.id}`;
  const facts = [...entity.facts].sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, FACTS_SHOWN);
  return (
    <section class={`card kind-${entity.kind}`} role="dialog" aria-modal="false" aria-labelledby={titleId} tabIndex={-1}>
      <div class="head">
        {onBack && (
          <button type="button" class="back" onClick={onBack}>
            ← Back
          </button>
        )}
        <p class="kind">
          {KIND_LABEL[entity.kind]} · {entity.type}
        </p>
        <h2 id={titleId}>{entity.name}</h2>
        <div class="controls">
          {onPin && (
            <button
              type="button"
              class="pin"
              aria-label={CONTROL_LABEL.pin}
              aria-pressed={pinned}
              title={pinned ? CONTROL_LABEL.pinnedHint : CONTROL_LABEL.pin}
              onClick={onPin}
            >
              <PinIcon filled={pinned} />
            </button>
          )}
          <button type="button" class="close" aria-label={CONTROL_LABEL.close} onClick={onClose}>
            ×
          </button>
        </div>
      </div>
      {also.length > 0 && onSwitch && (
        <nav class="also" aria-label="The same words in other packs">
          <span>Also in another pack:</span>
          <ul>
            {also.map((other) => (
              <li key={other.ref}>
                <button type="button" onClick={() => onSwitch(other.ref)}>
                  {other.name} ({other.pack})
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p class="role">
        {entity.role.text} <span class="asof">(as of {formatDate(entity.role.asOf)})</span>
      </p>
      <p class="summary">{entity.summary}</p>
      {entity.event && (
        <dl class="event">
          <dt>When</dt>
          <dd>
            {entity.event.end ? `${formatDate(entity.event.start)} – ${formatDate(entity.event.end)}` : formatDate(entity.event.start)} ·{' '}
            {relativeToNow(entity.event.start, now)}
          </dd>
          <dt>Where</dt>
          <dd>{entity.event.placeName}</dd>
          {entity.event.participants.length > 0 && (
            <>
              <dt>Who</dt>
              <dd>{entity.event.participants.map((id) => names[id] ?? id).join(', ')}</dd>
            </>
          )}
        </dl>
      )}
      {entity.event && <Timeline items={timeline} current={entity.id} />}
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
      {entity.related.length > 0 && (
        <nav class="related" aria-label="Related">
          <span>Related:</span>
          <ul>
            {entity.related.map((id) => (
              <li key={id}>
                {onSelect ? (
                  <button type="button" onClick={() => onSelect(id)}>
                    {names[id] ?? id}
                  </button>
                ) : (
                  (names[id] ?? id)
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div class="foot">
        {why && (
          <p class="why">
            Highlighted as “{why.alias}” ({RULE_LABEL[why.rule]})
          </p>
        )}
        <p class="pack">
          From “{pack.title}”{pack.revision > 1 ? `, revision ${pack.revision}` : ''}
          {pack.bundled ? ', bundled with Summit Lens' : ', a pack you imported'}; last reviewed {formatDate(pack.reviewed)}.
        </p>
      </div>
    </section>
  );
}

/** What the card says when a look-up finds nothing: plainly, with the words that were looked up. */
export function NoMatch({ query, onClose }: { query: string; onClose(): void }) {
  return (
    <section class="card kind-none" role="dialog" aria-modal="false" aria-labelledby="summit-lens-nomatch" tabIndex={-1}>
      <div class="head">
        <h2 id="summit-lens-nomatch">No match</h2>
        <button type="button" class="close" aria-label={CONTROL_LABEL.close} onClick={onClose}>
          ×
        </button>
      </div>
      <p>
        Summit Lens has no entry for “{query.length > 80 ? `${query.slice(0, 80)}…` : query}” in the packs that are switched on. It knows
        the people, places, organizations, events and policies of each pack's story; more packs can be imported on the options page.
      </p>
    </section>
  );
}

/** What the card says when its data could not be had or did not pass its check. */
export function CardUnavailable({ onClose, onBack }: { onClose(): void; onBack?: (() => void) | undefined }) {
  return (
    <section class="card kind-none" role="dialog" aria-modal="false" aria-labelledby="summit-lens-unavailable" tabIndex={-1}>
      <div class="head">
        {onBack && (
          <button type="button" class="back" onClick={onBack}>
            ← Back
          </button>
        )}
        <h2 id="summit-lens-unavailable">Card unavailable</h2>
        <button type="button" class="close" aria-label={CONTROL_LABEL.close} onClick={onClose}>
          ×
        </button>
      </div>
      <p>Summit Lens could not load this card. Try again in a moment; if it keeps happening, reload the page.</p>
    </section>
  );
}
