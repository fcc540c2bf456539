// `make bench`, browser half: on the release build served over HTTP, in
// headless Chromium, time navigation → first correct result and input change
// → updated level, then run Lighthouse (mobile and desktop). Prints one table.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, launch, serve } from '../e2e/support.mjs';

const NAVIGATIONS = 15;
const CHANGES = 60;
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

// Brotli, as any real host sends it; the tests' server does not bother.
const server = await serve(undefined, { compress: true });
const browser = await launch();
const rows = [];
try {
  // Navigation → first correct result (the level on screen), fresh profile each time.
  const firsts = [];
  // Run 0 warms the server's brotli cache and is not counted.
  for (let i = 0; i <= NAVIGATIONS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const status = document.querySelector('[role=status]');
        if (status?.textContent.startsWith('Evidence level 3 of 5')) {
          window.firstResult = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.firstResult !== undefined);
    if (i > 0) firsts.push(await page.evaluate(() => window.firstResult));
    await context.close();
  }
  rows.push(['navigation → first result (p50)', ms(percentile(firsts, 50))]);
  rows.push(['navigation → first result (p95)', ms(percentile(firsts, 95))]);

  // Input change → updated level, timed inside the page.
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByRole('status').waitFor();
  const times = await page.evaluate(async (n) => {
    const select = document.getElementById('field-novelty');
    const status = document.querySelector('[role=status]');
    const out = [];
    for (let i = 0; i < n; i++) {
      const novelty = String((i % 5) + 1);
      const before = status.textContent;
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (status.textContent !== before) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(status, { childList: true, subtree: true, characterData: true });
      });
      const start = performance.now();
      select.value = novelty;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      // Some changes leave the level as it was; those are not timed.
      const end = await Promise.race([changed, new Promise((r) => setTimeout(() => r(null), 200))]);
      if (end !== null) out.push(end - start);
    }
    return out;
  }, CHANGES * 2);
  rows.push([`input change → updated level (p50, ${times.length} changes)`, ms(percentile(times, 50))]);
  rows.push([`input change → updated level (p95, ${times.length} changes)`, ms(percentile(times, 95))]);
  await page.close();
  // Lighthouse starts its own Chromium: close ours first.
  await browser.close();

  // Lighthouse, mobile and desktop (bench/ holds it, installed by make bench).
  const lighthouse = new URL('../bench/node_modules/.bin/lighthouse', import.meta.url).pathname;
  if (existsSync(lighthouse)) {
    for (const preset of ['mobile', 'desktop']) {
      const output = `/tmp/evidence-ladder-lighthouse-${preset}.json`;
      const args = [
        server.url,
        '--output=json',
        `--output-path=${output}`,
        '--quiet',
        `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`,
        ...(preset === 'desktop' ? ['--preset=desktop'] : []),
      ];
      // Async: this process serves the pages Lighthouse loads.
      await promisify(execFile)(lighthouse, args, {
        env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' },
        timeout: 180_000,
      });
      const report = JSON.parse(readFileSync(output, 'utf8'));
      const score = (c) => Math.round(report.categories[c].score * 100);
      rows.push([
        `Lighthouse ${preset}: performance / accessibility / best practices / SEO`,
        ['performance', 'accessibility', 'best-practices', 'seo'].map(score).join(' / '),
      ]);
    }
  } else {
    rows.push(['Lighthouse', 'not installed (npm ci --prefix bench)']);
  }
} finally {
  await browser.close().catch(() => {});
  await server.close();
}

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'measurement'.padEnd(width)}  result`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
