// Screenshots for review (not a test): node e2e/.shots.mjs OUTDIR [query]
import { launch, openApp, serve } from './support.mjs';
const out = process.argv[2] ?? '/tmp/shots';
const csv = ['params,arm,seed,value'];
for (const p of [1.2e8, 3.5e8, 7.5e8, 1.3e9]) for (const s of [1, 2, 3]) { csv.push(`${p},method,${s},${60 + p / 1e9 + s * 0.05}`); csv.push(`${p},baseline,${s},${60 - s * 0.04}`); }
const server = await serve();
const browser = await launch();
for (const width of [320, 390, 720, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
    const page = await openApp(ctx, server.url + (process.argv[3] ?? '?price=2.5'));
    await page.getByRole('textbox', { name: 'Paste results' }).fill(csv.join('\n'));
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${out}/top-${width}-${colorScheme}.png` });
    await page.screenshot({ path: `${out}/full-${width}-${colorScheme}.png`, fullPage: true });
    if (width === 1280 && colorScheme === 'light') {
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: `${out}/print.png`, fullPage: true });
      await page.pdf({ path: `${out}/print.pdf`, format: 'A4' });
    }
    await ctx.close();
  }
}
await browser.close();
await server.close();
