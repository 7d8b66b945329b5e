import type { BackgroundReply } from '../common/messages/to-background.ts';
import type { PageState } from '../common/messages/to-page.ts';
import { interfaceLocale, plural, t } from '../common/i18n.ts';

/**
 * What the page found but does not show, because it does not look like it is about the story
 * (core/relevance.ts): how many names, and the reader's two ways to see them anyway.
 */
export function Unshown({
  unshown,
  packs,
  onShowHere,
  onShowEverywhere,
}: {
  unshown: PageState['unshown'];
  packs: BackgroundReply<'list-packs'>;
  onShowHere(): void;
  onShowEverywhere(): void;
}) {
  // Each language quotes titles its own way and joins them with its own "or".
  const stories = new Intl.ListFormat(interfaceLocale(), { type: 'disjunction' }).format(
    unshown.packs.map((id) => t('unshownStory', { title: packs.find((p) => p.id === id)?.title ?? id })),
  );
  const text = t('unshownText', {
    stories,
    names: plural('unshownNames', unshown.entities),
    mentions: plural('popupMentions', unshown.mentions),
  });
  return (
    <div class="unshown" role="note" aria-label={t('unshownLabel')}>
      <p>{text}</p>
      <div class="actions">
        <button type="button" class="action" onClick={onShowHere}>
          {t('unshownShowHere')}
        </button>
        <button type="button" class="action" onClick={onShowEverywhere}>
          {t('unshownShowEverywhere')}
        </button>
      </div>
    </div>
  );
}
