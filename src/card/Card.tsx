import type { ComponentChildren } from 'preact';
import type { CardData } from '../core/card-data.ts';
import type { Entity, MatchRule } from '../core/types.ts';
import { formatDate, formatDateRange, relativeToNow } from '../core/dates.ts';
import { interfaceLocale, isInterfaceLanguage, languageName, t, type MessageKey } from '../common/i18n.ts';
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

const KIND_LABEL: Record<Entity['kind'], MessageKey> = {
  person: 'kindPerson',
  place: 'kindPlace',
  organization: 'kindOrganization',
  event: 'kindEvent',
  topic: 'kindTopic',
};

const RULE_LABEL: Record<MatchRule, MessageKey> = {
  name: 'ruleName',
  title: 'ruleTitle',
  described: 'ruleDescribed',
  dateline: 'ruleDateline',
  nlp: 'ruleNlp',
  pattern: 'rulePattern',
  surname: 'ruleSurname',
};

const FACTS_SHOWN = 3;

function When({ date, now }: { date: string; now: Date }) {
  const locale = interfaceLocale();
  return (
    <time dateTime={date}>
      {formatDate(date, locale)} · {relativeToNow(date, now, locale)}
    </time>
  );
}

/** Where the card names its pack: bundled or imported, with its revision where there has been more than one. */
function packLine(pack: CardProps['pack'], locale: string): string {
  const values = { title: pack.title, date: formatDate(pack.reviewed, locale) };
  if (pack.revision > 1)
    return t(pack.bundled ? 'cardFromBundledRevision' : 'cardFromImportedRevision', { ...values, revision: pack.revision });
  return t(pack.bundled ? 'cardFromBundled' : 'cardFromImported', values);
}

function CloseButton({ onClose }: { onClose(): void }) {
  return (
    <button type="button" class="close" aria-label={t('cardClose')} onClick={onClose}>
      ×
    </button>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <button type="button" class="back" onClick={onBack}>
      {t('cardBack')}
    </button>
  );
}

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

/** The context card (plain divs, not header/footer: inside a page those would be extra landmarks): renders props only; CardHost owns where it sits and when it goes. */
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
  const locale = interfaceLocale();
  const listOf = (ids: readonly string[]) =>
    new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }).format(ids.map((id) => names[id] ?? id));
  return (
    // The frame speaks the interface's language and the pack's text its own: lang tells screen readers and CJK fonts which is which.
    <section class={`card kind-${entity.kind}`} lang={locale} role="dialog" aria-modal="false" aria-labelledby={titleId} tabIndex={-1}>
      <div class="head">
        {onBack && <BackButton onBack={onBack} />}
        <p class="kind">
          {t(KIND_LABEL[entity.kind])} · {entity.type}
        </p>
        <h2 id={titleId} lang={pack.language}>
          {entity.name}
        </h2>
        <div class="controls">
          {onPin && (
            <button
              type="button"
              class="pin"
              aria-label={t('cardPin')}
              aria-pressed={pinned}
              title={pinned ? t('cardPinnedHint') : t('cardPin')}
              onClick={onPin}
            >
              <PinIcon filled={pinned} />
            </button>
          )}
          <CloseButton onClose={onClose} />
        </div>
      </div>
      {also.length > 0 && onSwitch && (
        <nav class="also" aria-label={t('cardAlsoLabel')}>
          <span>{t('cardAlso')}</span>
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
        <span lang={pack.language}>{entity.role.text}</span>{' '}
        <span class="asof">{t('cardAsOf', { date: formatDate(entity.role.asOf, locale) })}</span>
      </p>
      <p class="summary" lang={pack.language}>
        {entity.summary}
      </p>
      {!isInterfaceLanguage(pack.language) && <p class="language">{t('cardFactsLanguage', { language: languageName(pack.language) })}</p>}
      {entity.event && (
        <dl class="event">
          <dt>{t('cardWhen')}</dt>
          <dd>
            {entity.event.end ? formatDateRange(entity.event.start, entity.event.end, locale) : formatDate(entity.event.start, locale)} ·{' '}
            {relativeToNow(entity.event.start, now, locale)}
          </dd>
          <dt>{t('cardWhere')}</dt>
          <dd>{entity.event.placeName}</dd>
          {entity.event.participants.length > 0 && (
            <>
              <dt>{t('cardWho')}</dt>
              <dd>{listOf(entity.event.participants)}</dd>
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
              {fact.unconfirmed && <strong class="unconfirmed">{t('cardUnconfirmed')} </strong>}
              <span lang={pack.language}>{fact.text}</span>
            </p>
            <p class="sources">
              {fact.sources.map((source, i) => (
                <span key={source.url}>
                  {i > 0 && ' · '}
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    {source.outlet}
                  </a>
                  {source.via && ` ${t('cardVia', { source: source.via })}`}
                  {source.date && `, ${formatDate(source.date, locale)}`}
                </span>
              ))}
            </p>
          </li>
        ))}
      </ul>
      {entity.caveat && (
        <p class="caveat" lang={pack.language}>
          {entity.caveat}
        </p>
      )}
      {entity.related.length > 0 && (
        <nav class="related" aria-label={t('cardRelatedLabel')}>
          <span>{t('cardRelated')}</span>
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
        {why && <p class="why">{t('cardWhy', { alias: why.alias, rule: t(RULE_LABEL[why.rule]) })}</p>}
        <p class="pack">{packLine(pack, locale)}</p>
      </div>
    </section>
  );
}

/** The frame of a card that has no entity to show: a heading, a close button, and what to say. */
function NoticeCard(props: {
  labelId: string;
  title: string;
  onClose(): void;
  onBack?: (() => void) | undefined;
  children: ComponentChildren;
}) {
  return (
    <section class="card kind-none" lang={interfaceLocale()} role="dialog" aria-modal="false" aria-labelledby={props.labelId} tabIndex={-1}>
      <div class="head">
        {props.onBack && <BackButton onBack={props.onBack} />}
        <h2 id={props.labelId}>{props.title}</h2>
        <CloseButton onClose={props.onClose} />
      </div>
      {props.children}
    </section>
  );
}

/** What the card says when a look-up finds nothing: plainly, with the words that were looked up. */
export function NoMatch({ query, onClose }: { query: string; onClose(): void }) {
  return (
    <NoticeCard labelId="summit-lens-nomatch" title={t('noMatchTitle')} onClose={onClose}>
      <p>{t('noMatchText', { query: query.length > 80 ? `${query.slice(0, 80)}…` : query })}</p>
    </NoticeCard>
  );
}

/** What the card says when its data could not be had or did not pass its check. */
export function CardUnavailable({ onClose, onBack }: { onClose(): void; onBack?: (() => void) | undefined }) {
  return (
    <NoticeCard labelId="summit-lens-unavailable" title={t('unavailableTitle')} onClose={onClose} onBack={onBack}>
      <p>{t('unavailableText')}</p>
    </NoticeCard>
  );
}
