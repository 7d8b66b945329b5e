/**
 * One manifest.json source, two browsers: Chrome runs the background as a service worker,
 * Firefox as an event page (background.scripts) and needs its gecko settings.
 */
export type Target = 'chrome' | 'firefox';

type Manifest = Record<string, unknown> & {
  background: { service_worker: string; scripts: string[] };
  browser_specific_settings?: unknown;
};

export function manifestFor(source: Manifest, target: Target, version: string): Record<string, unknown> {
  const { background, browser_specific_settings: gecko, ...common } = structuredClone(source);
  if (target === 'chrome') {
    return { ...common, version, background: { service_worker: background.service_worker } };
  }
  return { ...common, version, background: { scripts: background.scripts }, browser_specific_settings: gecko };
}
