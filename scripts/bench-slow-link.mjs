// `make bench`, first visits over a slow link: this tree's release build
// (dist/) served over one shared 1.6 Mbps link with 150 ms latency (the
// download speed Lighthouse's mobile run simulates), every response brotli
// compressed and its bytes queued on that one link, so whatever the page
// and its service worker download at once shares it. Reports, per case, the
// median time from navigation to the calculator's `data-ready` and to the
// wasm's last byte, with the service worker allowed (a real first visit:
// it installs the offline copy, downloading every file again) and blocked.
// The two should match: the worker registers only once the app has its
// files (static/pwa.js).
//
//   node scripts/bench-slow-link.mjs       (about a minute)
import { resolve } from 'node:path';
import { launch, serve } from '../e2e/support.mjs';

const DIST = resolve(import.meta.dirname, '..', 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const server = await serve(DIST, {
  compress: true,
  link: { bytesPerSecond: 200 * 1024, latencyMs: 150 }, // 1.6 Mbps
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = { allow: { ready: [], wasm: [] }, block: { ready: [], wasm: [] } };
const browser = await launch();
try {
  // Round 0 compresses every file once (as a CDN would) and is not counted.
  for (let round = 0; round <= RUNS; round++) {
    for (const serviceWorkers of ['allow', 'block']) {
      const context = await browser.newContext({ serviceWorkers });
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(server.url);
      await page.locator('.calculator[data-ready]').waitFor({ state: 'attached', timeout: 60_000 });
      const ready = Date.now() - started;
      const wasm = await page.evaluate(
        () => performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd,
      );
      // Let the worker's install finish before the next visit starts.
      await page.waitForTimeout(3000);
      await context.close();
      if (round > 0) {
        times[serviceWorkers].ready.push(ready);
        times[serviceWorkers].wasm.push(wasm);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
for (const [worker, { ready, wasm }] of Object.entries(times)) {
  console.log(
    `first visit, shared 1.6 Mbps link, service worker ${worker === 'allow' ? 'allowed' : 'blocked'}: ` +
      `data-ready ${median(ready)} ms, wasm's last byte ${Math.round(median(wasm))} ms (medians of ${ready.length})`,
  );
}
