/**
 * One manifest.json source, two browsers: Chrome runs the background as a service worker,
 * Firefox as an event page (background.scripts) and needs its gecko settings. The lowest
 * versions it names are also the build's targets (vite.config.ts reads them from here).
 */
export type Target = 'chrome' | 'firefox';

type Manifest = Record<string, unknown> & {
  background: { service_worker: string; scripts: string[] };
  browser_specific_settings?: unknown;
  minimum_chrome_version?: string;
};

export function manifestFor(source: Manifest, target: Target, version: string): Record<string, unknown> {
  const { background, browser_specific_settings: gecko, minimum_chrome_version: chromeMin, ...common } = structuredClone(source);
  if (target === 'chrome') {
    return { ...common, version, minimum_chrome_version: chromeMin, background: { service_worker: background.service_worker } };
  }
  return { ...common, version, background: { scripts: background.scripts }, browser_specific_settings: gecko };
}
