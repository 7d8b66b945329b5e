import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ImportOutcome, ImportStep, PackListing, PackManager } from '../common/packs/manage.ts';
import type { BrokenPack } from '../common/packs/store.ts';
import { interfaceLocale, languageName, plural, t } from '../common/i18n.ts';
import { formatDate } from '../core/dates.ts';
import { PACK_FILE_EXTENSION, type Refusal } from '../core/packs/file.ts';
import { Switch } from '../ui/Switch.tsx';

/** A file size in the reader's locale ("1.2 MB", "1,2 Mo"). */
function size(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return new Intl.NumberFormat(interfaceLocale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** One count in the reader's locale ("1,234"). */
const count = (n: number): string => new Intl.NumberFormat(interfaceLocale()).format(n);

/** What the import area says: nothing yet, working (with progress), or how it ended. */
type ImportState =
  { phase: 'idle' } | { phase: 'working'; file: string; step: ImportStep } | { phase: 'done'; file: string; outcome: ImportOutcome };

function stepText(step: ImportStep): string {
  switch (step.step) {
    case 'reading':
      return t('importReading');
    case 'checking':
      return t('importChecking');
    case 'storing':
      return t('importStoring', { done: step.done, total: step.total });
    case 'switching':
      return t('importSwitching');
  }
}

/** Why a whole file was refused, in the reader's language. */
function refusalText(refusal: Refusal): string {
  switch (refusal.reason) {
    case 'empty':
      return t('refusedEmpty');
    case 'too-large':
      return t('refusedTooLarge', { limit: size(refusal.limitBytes) });
    case 'not-a-pack':
      return t('refusedNotPack');
    case 'newer-format':
      return t('refusedNewerFormat', { format: refusal.format });
    case 'newer-app':
      return t('refusedNewerApp', { version: refusal.version });
    case 'no-room':
      return t('refusedNoRoom');
  }
}

function Outcome({ file, outcome }: { file: string; outcome: ImportOutcome }) {
  if (outcome.status === 'imported') {
    const { title, revision } = outcome.manifest;
    return (
      <p class="notice ok" role="status">
        {outcome.replaced !== undefined
          ? t('importReplaced', { title, revision, replaced: outcome.replaced })
          : t('importDone', { title, revision })}
      </p>
    );
  }
  if (outcome.status === 'not-newer') {
    const { title, revision } = outcome.manifest;
    return (
      <p class="notice" role="status">
        {t('importNotNewer', { title, revision, installed: outcome.installed })}
      </p>
    );
  }
  return (
    <div class="refusal" role="alert">
      <p>
        <strong>{t('importRefused', { file })}</strong>
        {outcome.refusal && ` ${refusalText(outcome.refusal)}`}
      </p>
      <p>{plural('importProblems', outcome.problems.length)}</p>
      <ul class="problems" lang="en">
        {outcome.problems.slice(0, 200).map((problem, i) => (
          <li key={i}>{problem}</li>
        ))}
      </ul>
      {outcome.problems.length > 200 && <p class="muted">{t('importMoreProblems', { count: outcome.problems.length - 200 })}</p>}
    </div>
  );
}

function PackRow({ pack, manager, onError }: { pack: PackListing; manager: PackManager; onError(text: string): void }) {
  const { manifest } = pack;
  const labelId = `pack-${manifest.id}`;
  const act = (run: () => Promise<unknown>, failed: 'packSwitchFailed' | 'packExportFailed' | 'packRemoveFailed') => () =>
    void run().catch((error: unknown) => onError(t(failed, { error: String(error) })));
  const exportPack = async (): Promise<void> => {
    const file = await manager.exportFile(manifest.id);
    if (!file) throw new Error(t('packGone'));
    const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: 'application/gzip' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <li class="pack">
      <div class="pack-head">
        <Switch
          id={labelId}
          label={manifest.title}
          hint={t(pack.bundled ? (pack.replacesBundled ? 'packBundledUpdated' : 'packBundled') : 'packImported')}
          checked={pack.enabled}
          onChange={(on) => act(() => manager.setEnabled(manifest.id, on), 'packSwitchFailed')()}
        />
      </div>
      <p class="description">{manifest.description}</p>
      <dl class="facts">
        <dt>{t('packRevision')}</dt>
        <dd>{manifest.revision}</dd>
        <dt>{t('packReviewed')}</dt>
        <dd>{formatDate(manifest.reviewed, interfaceLocale())}</dd>
        <dt>{t('packEntities')}</dt>
        <dd>{t('packEntityCount', { entities: count(pack.entities), names: count(pack.aliases) })}</dd>
        {pack.fileBytes !== undefined && (
          <>
            <dt>{t('packSize')}</dt>
            <dd>{size(pack.fileBytes)}</dd>
          </>
        )}
        <dt>{t('packLanguage')}</dt>
        <dd>{languageName(manifest.language)}</dd>
        <dt>{t('packBy')}</dt>
        <dd>
          {manifest.authors.join(', ')} · {manifest.license}
        </dd>
      </dl>
      <div class="actions">
        <button type="button" onClick={act(exportPack, 'packExportFailed')} aria-label={t('packExportLabel', { title: manifest.title })}>
          {t('packExport')}
        </button>
        {(!pack.bundled || pack.replacesBundled) && (
          <button
            type="button"
            class="danger"
            aria-label={t(pack.replacesBundled ? 'packRemoveImportedLabel' : 'packRemoveLabel', { title: manifest.title })}
            onClick={act(() => manager.remove(manifest.id), 'packRemoveFailed')}
          >
            {t(pack.replacesBundled ? 'packRevert' : 'packRemove')}
          </button>
        )}
      </div>
    </li>
  );
}

/** The Packs view: import a pack from a file (picked or dropped), and switch, export or remove the installed ones. */
export function Packs({ manager, onChanged }: { manager: PackManager; onChanged(listener: () => void): () => void }) {
  const [packs, setPacks] = useState<PackListing[] | undefined>();
  const [broken, setBroken] = useState<BrokenPack[]>([]);
  const [importing, setImporting] = useState<ImportState>({ phase: 'idle' });
  const [error, setError] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const refresh = useCallback(() => {
    void manager.list().then(
      (listed) => {
        setPacks(listed.packs);
        setBroken(listed.broken);
      },
      (e: unknown) => setError(t('packsListFailed', { error: String(e) })),
    );
  }, [manager]);
  useEffect(() => {
    refresh();
    return onChanged(refresh);
  }, [refresh, onChanged]);

  const importFile = async (file: File): Promise<void> => {
    setError(undefined);
    setImporting({ phase: 'working', file: file.name, step: { step: 'reading' } });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const outcome = await manager.importFile({ name: file.name, bytes }, (step) =>
      setImporting({ phase: 'working', file: file.name, step }),
    );
    setImporting({ phase: 'done', file: file.name, outcome });
    refresh();
  };
  const pick = (files: FileList | null | undefined): void => {
    const file = files?.[0];
    if (file) void importFile(file).catch((e: unknown) => setError(t('importFailed', { error: String(e) })));
  };

  return (
    <div class="packs-page">
      <header>
        <h1>{t('packs')}</h1>
        <p class="muted">{t('packsIntro')}</p>
      </header>

      <section
        class={`import${dragging ? ' dragging' : ''}`}
        aria-labelledby="import-heading"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          pick(e.dataTransfer?.files);
        }}
      >
        <h2 id="import-heading">{t('importHeading')}</h2>
        <p>
          {t('importDrop', { ext: PACK_FILE_EXTENSION })}{' '}
          <button type="button" class="link" onClick={() => input.current?.click()}>
            {t('importChoose')}
          </button>
        </p>
        <input
          ref={input}
          type="file"
          class="sr-only"
          accept={`${PACK_FILE_EXTENSION},.json,.gz,application/gzip,application/json`}
          aria-label={t('importFileLabel')}
          onChange={(e) => {
            pick(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        {importing.phase === 'working' && (
          <div class="progress" role="status">
            <label for="import-progress">
              {importing.file}: {stepText(importing.step)}
            </label>
            <progress
              id="import-progress"
              max={importing.step.step === 'storing' ? importing.step.total : undefined}
              value={importing.step.step === 'storing' ? importing.step.done : undefined}
            />
          </div>
        )}
        {importing.phase === 'done' && <Outcome file={importing.file} outcome={importing.outcome} />}
      </section>

      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}

      <section aria-labelledby="installed-heading">
        <h2 id="installed-heading">{t('packsInstalled')}</h2>
        {packs === undefined && <p class="muted">{t('packsLoading')}</p>}
        {packs && (
          <ul class="pack-list">
            {packs.map((pack) => (
              <PackRow key={pack.manifest.id} pack={pack} manager={manager} onError={setError} />
            ))}
          </ul>
        )}
        {broken.length > 0 && (
          <div class="refusal" role="alert">
            <p>
              <strong>{t('packsSetAside')}</strong> {plural('packsBroken', broken.length)}
            </p>
            <ul class="problems">
              {broken.map((b) => (
                <li key={b.id}>
                  <span lang="en">
                    {b.id}: {b.problem}
                  </span>{' '}
                  <button type="button" class="danger" onClick={() => void manager.remove(b.id).then(refresh)}>
                    {t('packRemove')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <footer class="muted">{t('packsFooter')}</footer>
    </div>
  );
}
