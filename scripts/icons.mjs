// Renders the app icons from static/icons/icon.svg with Debian's Chromium:
//   node scripts/icons.mjs
// writes icon-192.png, icon-512.png (rounded tile) and icon-maskable-512.png
// (full-bleed square, as maskable icons must be). The PNGs are committed;
// run this again after changing the SVG.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/support.mjs';

const dir = fileURLToPath(new URL('../static/icons/', import.meta.url));
const svg = await readFile(dir + 'icon.svg', 'utf8');
const browser = await launch();
try {
  for (const [name, size, maskable] of [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['icon-maskable-512.png', 512, true],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const art = maskable ? svg.replace('rx="96"', 'rx="0"') : svg;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${art}`,
    );
    await page.screenshot({ path: dir + name, omitBackground: true });
    await page.close();
    console.log(dir + name);
  }
} finally {
  await browser.close();
}
