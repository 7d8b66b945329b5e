import type { BackgroundReply } from '../common/messages/to-background.ts';
import type { PageState } from '../common/messages/to-page.ts';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

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
  const stories = unshown.packs.map((id) => `“${packs.find((p) => p.id === id)?.title ?? id}”`).join(' or ');
  const names = unshown.entities === 1 ? 'one of its names' : `${unshown.entities} of its names`;
  const mentions = plural(unshown.mentions, 'mention', 'mentions');
  return (
    <div class="unshown" role="note" aria-label="Names not shown">
      <p>{`This page does not look like it is about ${stories}. Summit Lens found ${names} here (${mentions}) and is not highlighting them.`}</p>
      <div class="actions">
        <button type="button" class="action" onClick={onShowHere}>
          Show them on this page
        </button>
        <button type="button" class="action" onClick={onShowEverywhere}>
          Show them on every page
        </button>
      </div>
    </div>
  );
}
