// Screenshots of the release build at phone and desktop widths, light and dark,
// for a person to look at: node scripts/screenshots.mjs [query]
// Writes target/screenshots/*.png.
import { mkdir } from 'node:fs/promises';
import { launch, serve } from '../e2e/support.mjs';

const query = process.argv[2] ?? '';
const out = new URL('../target/screenshots/', import.meta.url).pathname;
await mkdir(out, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  for (const scheme of ['light', 'dark']) {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${server.url}?${query}`);
      await page.getByRole('status').waitFor();
      const file = `${out}${width}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      console.log(`${file}${overflow ? '  (scrolls horizontally!)' : ''}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
