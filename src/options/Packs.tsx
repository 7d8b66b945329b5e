import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ImportOutcome, ImportStep, PackListing, PackManager } from '../common/packs/manage.ts';
import type { BrokenPack } from '../common/packs/store.ts';
import { formatDate } from '../core/dates.ts';
import { PACK_FILE_EXTENSION } from '../core/packs/file.ts';
import { Switch } from '../ui/Switch.tsx';

const kb = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** What the import area says: nothing yet, working (with progress), or how it ended. */
type ImportState =
  { phase: 'idle' } | { phase: 'working'; file: string; step: ImportStep } | { phase: 'done'; file: string; outcome: ImportOutcome };

function stepText(step: ImportStep): string {
  switch (step.step) {
    case 'reading':
      return 'Reading the file…';
    case 'checking':
      return 'Checking every entity, fact and link…';
    case 'storing':
      return `Storing: ${step.done.toLocaleString()} of ${step.total.toLocaleString()} records`;
    case 'switching':
      return 'Switching it on in your open tabs…';
  }
}

function Outcome({ file, outcome }: { file: string; outcome: ImportOutcome }) {
  if (outcome.status === 'imported') {
    const { title, revision } = outcome.manifest;
    return (
      <p class="notice ok" role="status">
        Imported “{title}”, revision {revision}
        {outcome.replaced !== undefined ? ` (replacing revision ${outcome.replaced})` : ''}. It is on in every tab.
      </p>
    );
  }
  if (outcome.status === 'not-newer') {
    const { title, revision } = outcome.manifest;
    return (
      <p class="notice" role="status">
        Nothing changed: “{title}” revision {revision} is not newer than the revision {outcome.installed} you have.
      </p>
    );
  }
  return (
    <div class="refusal" role="alert">
      <p>
        <strong>{file} was not imported</strong>: nothing was stored.{' '}
        {outcome.problems.length === 1 ? 'One problem' : `${outcome.problems.length} problems`} to fix:
      </p>
      <ul class="problems">
        {outcome.problems.slice(0, 200).map((problem, i) => (
          <li key={i}>{problem}</li>
        ))}
      </ul>
      {outcome.problems.length > 200 && <p class="muted">…and {outcome.problems.length - 200} more.</p>}
    </div>
  );
}

function PackRow({ pack, manager, onError }: { pack: PackListing; manager: PackManager; onError(text: string): void }) {
  const { manifest } = pack;
  const labelId = `pack-${manifest.id}`;
  const act = (run: () => Promise<unknown>, what: string) => () =>
    void run().catch((error: unknown) => onError(`Could not ${what}: ${String(error)}`));
  const exportPack = async (): Promise<void> => {
    const file = await manager.exportFile(manifest.id);
    if (!file) throw new Error('the pack is no longer there');
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
          hint={pack.bundled ? (pack.replacesBundled ? 'bundled pack, updated by your import' : 'bundled with Summit Lens') : 'imported'}
          checked={pack.enabled}
          onChange={(on) => act(() => manager.setEnabled(manifest.id, on), 'switch the pack')()}
        />
      </div>
      <p class="description">{manifest.description}</p>
      <dl class="facts">
        <dt>Revision</dt>
        <dd>{manifest.revision}</dd>
        <dt>Reviewed</dt>
        <dd>{formatDate(manifest.reviewed)}</dd>
        <dt>Entities</dt>
        <dd>
          {pack.entities.toLocaleString()} ({pack.aliases.toLocaleString()} names)
        </dd>
        {pack.fileBytes !== undefined && (
          <>
            <dt>Size</dt>
            <dd>{kb(pack.fileBytes)}</dd>
          </>
        )}
        <dt>Language</dt>
        <dd>{manifest.language}</dd>
        <dt>By</dt>
        <dd>
          {manifest.authors.join(', ')} · {manifest.license}
        </dd>
      </dl>
      <div class="actions">
        <button type="button" onClick={act(exportPack, 'export the pack')} aria-label={`Export ${manifest.title}`}>
          Export
        </button>
        {(!pack.bundled || pack.replacesBundled) && (
          <button
            type="button"
            class="danger"
            aria-label={pack.replacesBundled ? `Remove the imported revision of ${manifest.title}` : `Remove ${manifest.title}`}
            onClick={act(() => manager.remove(manifest.id), 'remove the pack')}
          >
            {pack.replacesBundled ? 'Go back to the bundled revision' : 'Remove'}
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
      (e: unknown) => setError(`The packs could not be listed: ${String(e)}`),
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
    if (file) void importFile(file).catch((e: unknown) => setError(`The import failed: ${String(e)}`));
  };

  return (
    <div class="packs-page">
      <header>
        <h1>Packs</h1>
        <p class="muted">
          A pack is what Summit Lens knows: the names it highlights and the dated, sourced facts its cards show. Import one from a file; it
          stays in this browser and works offline.
        </p>
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
        <h2 id="import-heading">Import a pack</h2>
        <p>
          Drop a <code>{PACK_FILE_EXTENSION}</code> file here, or{' '}
          <button type="button" class="link" onClick={() => input.current?.click()}>
            choose one
          </button>
          .
        </p>
        <input
          ref={input}
          type="file"
          class="sr-only"
          accept={`${PACK_FILE_EXTENSION},.json,.gz,application/gzip,application/json`}
          aria-label="Choose a pack file to import"
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
        <h2 id="installed-heading">Installed</h2>
        {packs === undefined && <p class="muted">Loading…</p>}
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
              <strong>Set aside:</strong>{' '}
              {broken.length === 1 ? 'a stored pack no longer reads' : `${broken.length} stored packs no longer read`}; the others keep
              working. Remove it and import it again.
            </p>
            <ul class="problems">
              {broken.map((b) => (
                <li key={b.id}>
                  {b.id}: {b.problem}{' '}
                  <button type="button" class="danger" onClick={() => void manager.remove(b.id).then(refresh)}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <footer class="muted">
        Packs are stored in this browser only. Summit Lens never downloads anything: a pack arrives only as a file you choose.
      </footer>
    </div>
  );
}
