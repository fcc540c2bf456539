// Screenshots of the release build at phone to desktop widths, light and dark,
// and of the compact embed view, for a person to look at:
//   node scripts/screenshots.mjs [query]
// Writes target/screenshots/*.png.
import { mkdir } from 'node:fs/promises';
import { launch, serve } from '../e2e/support.mjs';

const query = process.argv[2] ?? '';
const out = new URL('../target/screenshots/', import.meta.url).pathname;
await mkdir(out, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  const shots = ['page', 'embed'].flatMap((view) =>
    ['light', 'dark'].flatMap((scheme) => [320, 390, 720, 1024, 1280].map((width) => ({ view, scheme, width }))),
  );
  for (const { view, scheme, width } of shots) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${server.url}?${[query, view === 'embed' ? 'embed=1' : ''].filter(Boolean).join('&')}`);
    // The plan below the fold is drawn a frame or two after the first result.
    await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
    const file = `${out}${view}-${width}-${scheme}.png`;
    await page.screenshot({ path: file, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    console.log(`${file}${overflow ? '  (scrolls horizontally!)' : ''}`);
    if (view === 'page') {
      // What the screen shows while editing the compute: is the answer in view?
      await page.getByRole('textbox', { name: /^Count/ }).scrollIntoViewIfNeeded();
      await page.getByRole('textbox', { name: /^Count/ }).fill('16');
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${out}${view}-${width}-${scheme}-editing.png` });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
