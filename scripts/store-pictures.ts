/**
 * The pictures the stores ask for, made from the real extension on the demo article (run by
 * `npm run package`, or alone with `npm run store:pictures`): for each locale the extension ships
 * (dist/store/<locale>/, the browser started in that language) and each colour scheme, three
 * 1280×800 screenshots (a card on the article, the popup beside the article, the Packs view) and a
 * 440×280 promo tile, as PNG without an alpha channel (the Chrome Web Store refuses alpha).
 * The popup and the tile are framed by small pages of our own, around real screenshots.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { launchLensBrowser, type LensBrowser, type LensPage } from '../harness/driver.ts';
import { catalogueMessage, localeFolder, LOCALES, type LocaleFolder } from '../harness/locales.ts';
import { hoverMention, importPackInView, openAnnotated, openPopup, waitForControl } from '../harness/page-helpers.ts';
import { startServer, type TestServer } from '../harness/server.ts';
import { readPackSource } from '../src/cli/pack-source.ts';
import { writePackFile } from '../src/core/packs/file.ts';
import { APP_VERSION } from './check-pack.ts';

const root = resolve(import.meta.dirname, '..');
const SIZE = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
/** The demo article's masthead; the popup names the site it is on. */
const ARTICLE_HOST = 'harbourledger.example';

type Scheme = 'light' | 'dark';

/** The captions are store text, written for each locale like the catalogues (the story's names in each language's usual form). */
const CAPTIONS: Record<LocaleFolder, { popup: string; tile: string }> = {
  en: {
    popup: 'Everything this page mentions, by kind — and a search of every pack you use.',
    tile: 'The Trump–Xi story, explained where you read it.',
  },
  ko: {
    popup: '이 페이지에 나온 인물·장소·사건을 종류별로 한눈에. 사용하는 모든 팩도 검색할 수 있습니다.',
    tile: '트럼프–시진핑 뉴스를 읽는 자리에서 바로 설명합니다.',
  },
  zh_CN: {
    popup: '本页提及的一切，按类别列出——还能搜索你使用的所有资料包。',
    tile: '特朗普与习近平的新闻，读到哪里，解读到哪里。',
  },
  ja: {
    popup: 'このページに登場するものを種類別に一覧。使っているすべてのパックも検索できます。',
    tile: 'トランプ・習近平のニュースを、読んでいるその場で解説。',
  },
};

/** A screenshot as 24-bit PNG: the same pixels, without the alpha channel the browser writes. */
function withoutAlpha(file: string): void {
  const png = PNG.sync.read(readFileSync(file));
  writeFileSync(file, PNG.sync.write(png, { colorType: 2, inputHasAlpha: true, bgColor: { red: 255, green: 255, blue: 255 } }));
}

async function shoot(page: LensPage, file: string, fullPage = false): Promise<void> {
  await page.sleep(300);
  await page.screenshot(file, fullPage);
  withoutAlpha(file);
}

/** A framing page of our own: the article shot, softened, as a backdrop; real screenshots in front; a caption. */
function framePage(scheme: Scheme, locale: LocaleFolder, body: string): string {
  const dark = scheme === 'dark';
  // lang picks the CJK font's forms for the language (the same character differs in Japanese and Chinese).
  return `<!doctype html><html lang="${LOCALES[locale]}"><meta charset="utf-8"><style>
    html, body { margin: 0; height: 100%; }
    body { font: 600 30px/1.3 system-ui, sans-serif; color: ${dark ? '#e8e6e3' : '#1f2328'};
      background: ${dark ? '#1d2127' : '#f3efe6'}; overflow: hidden; position: relative; }
    .backdrop { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; object-position: top left;
      filter: blur(3px); opacity: ${dark ? 0.35 : 0.45}; }
    .shot { position: absolute; box-shadow: 0 12px 40px rgba(0,0,0,.35); border-radius: 10px; }
    .caption { position: absolute; padding: 28px 32px; border-radius: 16px;
      background: ${dark ? 'rgba(29,33,39,.94)' : 'rgba(255,253,249,.95)'}; box-shadow: 0 8px 30px rgba(0,0,0,.18); }
    .caption p { margin: 18px 0 0; }
    .brand { display: flex; gap: 14px; align-items: center; font: 700 34px/1 Georgia, serif; }
    .tile { position: absolute; inset: 0; background: linear-gradient(135deg, #24497f, #2f5d9e 60%, #3d72bd); color: #fff; }
  </style>${body}`;
}

/** Part of a screenshot, as a file of its own. */
function crop(from: string, to: string, rect: { x: number; y: number; width: number; height: number }): void {
  const source = PNG.sync.read(readFileSync(from));
  const part = new PNG({ width: rect.width, height: rect.height });
  PNG.bitblt(source, part, rect.x, rect.y, rect.width, rect.height, 0, 0);
  writeFileSync(to, PNG.sync.write(part));
}

async function pictures(
  browser: LensBrowser,
  server: TestServer,
  { scheme, locale }: { scheme: Scheme; locale: LocaleFolder },
  out: string,
  frames: string,
): Promise<void> {
  mkdirSync(out, { recursive: true });
  const article = await openAnnotated(browser, `http://${ARTICLE_HOST}/demo/article.html`);
  await article.setViewport(SIZE.width, SIZE.height);
  await article.evaluate(() => window.scrollTo(0, 0));
  await shoot(article, join(frames, `${scheme}-article.png`));
  await hoverMention(article, 'Xi Jinping', 260);
  await shoot(article, join(out, 'screenshot-1-card.png'));
  const panel = await article.evaluate(() => {
    const r = document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
    return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
  });
  crop(join(out, 'screenshot-1-card.png'), join(frames, `${scheme}-card.png`), panel);

  const { popup } = await openPopup(browser, article, catalogueMessage(locale, 'popupShowHighlights'));
  await popup.setViewport(360, 700);
  await waitForControl(popup, {
    role: 'heading',
    name: new RegExp(`^${catalogueMessage(locale, 'kindsPerson')}`),
    within: catalogueMessage(locale, 'popupOnPage'),
  });
  await shoot(popup, join(frames, `${scheme}-popup.png`));
  await popup.close();

  const view = await browser.openExtensionPage('options.html');
  await view.setViewport(SIZE.width, SIZE.height);
  const second = (await readPackSource(join(root, 'tests/fixtures/packs/thai-cambodia-2025'), APP_VERSION)).pack!;
  await importPackInView(view, { name: 'thai-cambodia-2025.slpack', bytes: await writePackFile(second) });
  await view.waitFor(() => document.querySelectorAll('.pack').length === 2);
  await shoot(view, join(out, 'screenshot-3-packs.png'));
  await view.close();

  const framed = await browser.newPage();
  await framed.setViewport(SIZE.width, SIZE.height);
  writeFileSync(
    join(frames, `${scheme}-popup.html`),
    framePage(
      scheme,
      locale,
      `<img class="backdrop" src="${scheme}-article.png" alt="">
       <img class="shot" src="${scheme}-popup.png" alt="" style="right: 130px; top: 50px; width: 360px; height: 700px">
       <div class="caption" style="left: 80px; top: 230px; width: 520px">
         <div class="brand"><img src="icon.png" width="64" height="64" alt="">Summit Lens</div>
         <p>${CAPTIONS[locale].popup}</p></div>`,
    ),
  );
  await framed.goto(server.url(`/store-frames/${scheme}-popup.html`));
  await shoot(framed, join(out, 'screenshot-2-popup.png'));

  await framed.setViewport(TILE.width, TILE.height);
  writeFileSync(
    join(frames, `${scheme}-tile.html`),
    framePage(
      scheme,
      locale,
      `<div class="tile"></div>
       <img class="shot" src="${scheme}-card.png" alt="" style="left: 250px; top: 34px; width: ${Math.round(panel.width * 0.62)}px">
       <div style="position: absolute; left: 24px; top: 34px; width: 210px; color: #fff">
         <img src="icon.png" width="56" height="56" alt="">
         <div style="font: 700 30px/1.1 Georgia, serif; margin-top: 14px">Summit Lens</div>
         <p style="font-size: 17px; font-weight: 500; margin: 12px 0 0">${CAPTIONS[locale].tile}</p></div>`,
    ),
  );
  await framed.goto(server.url(`/store-frames/${scheme}-tile.html`));
  await shoot(framed, join(out, 'promo-tile.png'));
  await framed.close();
  await article.close();
}

export async function writeStorePictures(
  outDir: string,
  locales: readonly LocaleFolder[] = Object.keys(LOCALES) as LocaleFolder[],
): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const frames = mkdtempSync(join(tmpdir(), 'summit-lens-store-'));
  writeFileSync(join(frames, 'icon.png'), readFileSync(join(root, 'assets/icons/icon-128.png')));
  const server = await startServer({ mounts: { '/store-frames/': frames } });
  try {
    for (const locale of locales)
      for (const scheme of ['light', 'dark'] as const) {
        const hostAliases = { [ARTICLE_HOST]: new URL(server.url('/')).origin };
        const browser = await launchLensBrowser('chromium', { colorScheme: scheme, viewport: SIZE, hostAliases, locale: LOCALES[locale] });
        try {
          await pictures(browser, server, { scheme, locale }, join(outDir, locale, scheme), frames);
          if (browser.offMachineRequests.length)
            throw new Error(`requests tried to leave the machine: ${browser.offMachineRequests.join(', ')}`);
        } finally {
          await browser.close();
        }
      }
  } finally {
    await server.close();
    rmSync(frames, { recursive: true, force: true });
  }
  console.log(`Store pictures written to ${outDir}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `-- --locale ko` makes one locale's pictures only (the others are removed with the old set).
  const at = process.argv.indexOf('--locale');
  const one = at > 0 ? localeFolder(process.argv[at + 1] ?? '') : undefined;
  if (at > 0 && !one) {
    console.error(`--locale must be one of ${Object.keys(LOCALES).join(', ')}, not "${process.argv[at + 1] ?? ''}"`);
    process.exit(2);
  }
  await writeStorePictures(join(root, 'dist/store'), one ? [one] : undefined);
}
