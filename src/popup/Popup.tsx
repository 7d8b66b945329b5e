import { useEffect, useMemo, useState } from 'preact/hooks';
import type { BackgroundReply } from '../common/messages/to-background.ts';
import type { PageState } from '../common/messages/to-page.ts';
import { HOVER_DELAY_RANGE, saveSetting, type SettingKey, type Settings } from '../common/settings.ts';
import type { CardData } from '../core/card-data.ts';
import { KINDS, type Kind } from '../core/types.ts';
import { plural, t, type MessageKey } from '../common/i18n.ts';
import { Card, CardUnavailable } from '../card/Card.tsx';
import { Switch } from '../ui/Switch.tsx';
import type { PopupPorts } from './ports.ts';
import { Unshown } from './Unshown.tsx';

const KIND_PLURAL: Record<Kind, MessageKey> = {
  person: 'kindsPerson',
  place: 'kindsPlace',
  organization: 'kindsOrganization',
  event: 'kindsEvent',
  topic: 'kindsTopic',
};

/** A card opened in the popup: its data once the background answered (null: it could not). */
function PopupCard({ ports, stack, onStack }: { ports: PopupPorts; stack: string[]; onStack(next: string[]): void }) {
  const ref = stack[stack.length - 1]!;
  const [data, setData] = useState<CardData | null | undefined>();
  useEffect(() => {
    setData(undefined);
    void ports.cardData(ref).then((d) => setData(d ?? null));
  }, [ports, ref]);
  const onBack = stack.length > 1 ? () => onStack(stack.slice(0, -1)) : undefined;
  return (
    <div class="popup card-view">
      <div class="panel in-popup">
        {data === null && <CardUnavailable onClose={() => onStack([])} onBack={onBack} />}
        {data && (
          <Card
            {...data}
            now={new Date()}
            onClose={() => onStack([])}
            onSelect={(id) => onStack([...stack, `${data.pack.id}/${id}`])}
            onBack={onBack}
          />
        )}
      </div>
    </div>
  );
}

export function Popup({ ports }: { ports: PopupPorts }) {
  const [settings, setSettings] = useState<Settings | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [page, setPage] = useState<PageState | null | undefined>();
  const [shortcut, setShortcut] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; hits: BackgroundReply<'search'> }>({ query: '', hits: [] });
  const [packs, setPacks] = useState<BackgroundReply<'list-packs'>>([]);
  const [cardStack, setCardStack] = useState<string[]>([]);

  useEffect(() => {
    void ports.readSettings().then(({ settings: loaded, rejected }) => {
      setSettings(loaded);
      if (rejected.length) setNotice(t('popupSettingsReset', { settings: rejected.join(', ') }));
    });
    void ports.pageState().then(setPage);
    void ports.shortcut().then(setShortcut);
    void ports.packs().then(setPacks);
    return ports.onSettingsChanged(() => void ports.readSettings().then(({ settings: loaded }) => setSettings(loaded)));
  }, [ports]);

  const change = async <K extends SettingKey>(key: K, value: Settings[K]): Promise<void> => {
    if (!settings) return;
    const previous = settings;
    setSettings({ ...settings, [key]: value });
    try {
      await saveSetting(ports.storage, key, value);
      setNotice(undefined);
    } catch (e) {
      setSettings(previous);
      setNotice(t('popupSaveFailed', { error: String(e) }));
    }
  };

  useEffect(() => {
    const asked = query.trim();
    if (asked.length < 2) {
      setResults({ query: asked, hits: [] });
      return undefined;
    }
    // Asked once the reader pauses, not on every key.
    let current = true;
    const timer = setTimeout(() => void ports.search(asked).then((hits) => current && setResults({ query: asked, hits })), 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ports, query]);
  const grouped = useMemo(() => {
    const groups = new Map<Kind, { id: string; name: string; count: number; pack?: string }[]>();
    const entities = page?.entities ?? [];
    // Two packs may both know "Donald Trump": where names collide, each says which pack it is from.
    const named = new Map<string, number>();
    for (const { name } of entities) named.set(name, (named.get(name) ?? 0) + 1);
    const packTitle = (ref: string) => packs.find((p) => p.id === ref.slice(0, ref.indexOf('/')))?.title;
    for (const { id, kind, name, count } of entities) {
      const item: { id: string; name: string; count: number; pack?: string } = { id, name, count };
      const pack = named.get(name)! > 1 ? packTitle(id) : undefined;
      if (pack) item.pack = pack;
      groups.set(kind, [...(groups.get(kind) ?? []), item]);
    }
    for (const list of groups.values()) list.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    return KINDS.filter((k) => groups.has(k)).map((k) => [k, groups.get(k)!] as const);
  }, [page, packs]);

  if (cardStack.length) return <PopupCard ports={ports} stack={cardStack} onStack={setCardStack} />;
  const active = packs.filter((p) => p.enabled);

  const siteOn = page ? !settings?.disabledSites.includes(page.host) : false;
  return (
    <div class="popup">
      <header>
        <h1>{t('extName')}</h1>
        <p class="tagline">{t('popupTagline')}</p>
      </header>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {settings && (
        <section aria-label={t('popupHighlights')}>
          <Switch
            id="highlights-label"
            label={t('popupShowHighlights')}
            hint={t('popupShowHighlightsHint')}
            checked={settings.enabled}
            onChange={(v) => void change('enabled', v)}
          />
          {page && (
            <Switch
              id="site-label"
              label={t('popupSiteHighlights', { host: page.host })}
              hint={t('popupSiteHint')}
              checked={siteOn}
              onChange={(on) =>
                void change(
                  'disabledSites',
                  on ? settings.disabledSites.filter((h) => h !== page.host) : [...settings.disabledSites, page.host],
                )
              }
            />
          )}
        </section>
      )}

      <section class="on-page" aria-labelledby="on-page-heading">
        <h2 id="on-page-heading">{t('popupOnPage')}</h2>
        {page === undefined && <p class="muted">{t('popupLooking')}</p>}
        {page === null && <p class="muted">{t('popupNotRunning')}</p>}
        {page && !page.active && <p class="muted">{t('popupOffHere')}</p>}
        {page && page.active && grouped.length === 0 && page.unshown.entities === 0 && <p class="muted">{t('popupNothingHere')}</p>}
        {page && page.active && page.unshown.entities > 0 && (
          <Unshown
            unshown={page.unshown}
            packs={packs}
            onShowHere={() => void ports.showHere().then(() => ports.pageState().then(setPage))}
            onShowEverywhere={() => void change('showUnrelated', true).then(() => ports.pageState().then(setPage))}
          />
        )}
        {grouped.map(([kind, list]) => (
          <div key={kind} class="group">
            <h3>
              {t(KIND_PLURAL[kind])} <span class="count">{list.length}</span>
            </h3>
            <ul>
              {list.map((item) => (
                <li key={item.id}>
                  <button type="button" class="entity" onClick={() => void ports.reveal(item.id).then(() => ports.close())}>
                    <span>
                      {item.name}
                      {item.pack && <span class="from"> · {item.pack}</span>}
                    </span>
                    <span class="count">
                      <span aria-hidden="true">{item.count}</span>
                      <span class="sr-only">{plural('popupMentions', item.count)}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {shortcut && (
          <p class="muted shortcut">
            {t('popupNextMention')} <kbd>{shortcut}</kbd>
          </p>
        )}
      </section>

      <section aria-labelledby="search-heading">
        <h2 id="search-heading">{t('popupSearch')}</h2>
        <input
          type="search"
          class="search"
          placeholder={t('popupSearchPlaceholder')}
          aria-label={t('popupSearch')}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        {page?.selection && query.trim() !== page.selection && (
          <button type="button" class="entity selection" onClick={() => setQuery(page.selection!)}>
            <span>{t('popupLookUpSelection')}</span>
            <span class="type">“{page.selection.length > 40 ? `${page.selection.slice(0, 40)}…` : page.selection}”</span>
          </button>
        )}
        {query.trim().length >= 2 && results.query === query.trim() && results.hits.length === 0 && (
          <p class="muted">{t('popupNoEntry', { query: query.trim() })}</p>
        )}
        {results.hits.length > 0 && (
          <ul class="results">
            {results.hits.map((e) => (
              <li key={e.ref}>
                <button type="button" class="entity" onClick={() => setCardStack([e.ref])}>
                  <span>{e.name}</span>
                  <span class="type">{e.type}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="packs" aria-labelledby="packs-heading">
        <h2 id="packs-heading">{t('packs')}</h2>
        <p class="muted">{active.length === 0 ? t('popupNoPackOn') : active.map((p) => p.title).join(' · ')}</p>
        <button type="button" class="link" onClick={() => ports.openPacks()}>
          {t('popupManagePacks')}
        </button>
      </section>

      {settings && (
        <details class="options">
          <summary>{t('popupDisplayOptions')}</summary>
          <fieldset>
            <legend>{t('popupCategories')}</legend>
            {KINDS.map((kind) => (
              <label key={kind} class="check">
                <input
                  type="checkbox"
                  checked={settings.categories[kind]}
                  onChange={(e) => void change('categories', { ...settings.categories, [kind]: e.currentTarget.checked })}
                />
                {t(KIND_PLURAL[kind])}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('popupHighlightStyle')}</legend>
            {(['underline', 'background'] as const).map((style) => (
              <label key={style} class="check">
                <input type="radio" name="style" checked={settings.style === style} onChange={() => void change('style', style)} />
                {t(style === 'underline' ? 'popupStyleUnderline' : 'popupStyleBackground')}
              </label>
            ))}
            <label class="check">
              <input type="checkbox" checked={settings.firstOnly} onChange={(e) => void change('firstOnly', e.currentTarget.checked)} />
              {t('popupFirstOnly')}
            </label>
          </fieldset>
          <label class="check">
            <input type="checkbox" checked={settings.badge} onChange={(e) => void change('badge', e.currentTarget.checked)} />
            {t('popupBadge')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.showUnrelated}
              onChange={(e) => void change('showUnrelated', e.currentTarget.checked)}
            />
            {t('popupShowUnrelated')}
          </label>
          <fieldset>
            <legend>{t('popupCards')}</legend>
            <label class="check">
              <input type="checkbox" checked={settings.tapLookup} onChange={(e) => void change('tapLookup', e.currentTarget.checked)} />
              {t('popupTapLookup')}
            </label>
            <label class="delay">
              <span>{t('popupHoverDelay')}</span>
              <span class="delay-input">
                <input
                  type="range"
                  {...HOVER_DELAY_RANGE}
                  value={settings.hoverDelayMs}
                  // Shown while dragging, stored once on release.
                  onInput={(e) => setSettings({ ...settings, hoverDelayMs: Number(e.currentTarget.value) })}
                  onChange={(e) => void change('hoverDelayMs', Number(e.currentTarget.value))}
                />
                <output>{t('popupHoverDelayValue', { ms: settings.hoverDelayMs })}</output>
              </span>
            </label>
          </fieldset>
        </details>
      )}
      <footer>{t('popupFooter')}</footer>
    </div>
  );
}
