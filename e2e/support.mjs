// Shared by the end-to-end tests: a static server for the release build and
// Debian's Chromium driven by Playwright.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { brotliCompressSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

// E2E_DIST runs the tests against another build (e.g. main's, to see a new test fail there).
export const DIST = resolve(process.env.E2E_DIST ?? resolve(import.meta.dirname, '..', 'dist'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `root` over HTTP on 127.0.0.1, optionally under a sub-path `prefix`
 * such as "/tools/evidence-ladder/". `cors` adds Access-Control-Allow-Origin: *
 * (what a host serving calculators to other sites needs); `pages` maps paths to
 * HTML served from memory; `compress` sends brotli to clients that accept it,
 * as a real host would (for benchmarks). `cacheControl` replaces the default
 * `no-cache` (e.g. "max-age=600", a common static-host default). Every file
 * carries an ETag of its bytes and a matching If-None-Match gets 304, as on
 * common static hosts (nginx, GitHub Pages, Netlify, S3). `intercept`
 * (req, res, path) may answer a request itself (delays, errors) by returning
 * true. `link` ({ bytesPerSecond, latencyMs }) sends every file over one
 * shared slow link: each response waits the latency, then its bytes queue
 * behind everything already sent (for benchmarks of slow first visits).
 * Resolves to { url, origin, close }.
 */
export async function serve(
  root = DIST,
  { prefix = '/', cors = false, pages = {}, port = 0, compress = false, cacheControl = 'no-cache', intercept, link } = {},
) {
  const compressed = new Map(); // file → brotli body, compressed once like a CDN would
  let linkFreeAt = 0; // with `link`: when it has sent everything queued so far
  // Big headers: the hostile-link tests send a 100 KB query.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (intercept && (await intercept(req, res, path))) return;
    if (pages[path] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(pages[path]);
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      const brotli = compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
      // One tag per representation: the brotli body is other bytes.
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}${brotli ? '-br' : ''}"`;
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': cacheControl,
        etag,
        vary: 'accept-encoding',
        ...(cors ? { 'access-control-allow-origin': '*' } : {}),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      if (brotli) {
        if (!compressed.has(file)) compressed.set(file, brotliCompressSync(body));
        body = compressed.get(file);
      }
      res.writeHead(200, { ...headers, ...(brotli ? { 'content-encoding': 'br' } : {}) });
      if (!link) {
        res.end(body);
        return;
      }
      // 8 KB at a time, each after everything queued before it.
      await new Promise((ok) => setTimeout(ok, link.latencyMs));
      for (let i = 0; i < body.length; i += 8192) {
        const chunk = body.subarray(i, i + 8192);
        const now = performance.now();
        linkFreeAt = Math.max(linkFreeAt, now) + (chunk.length / link.bytesPerSecond) * 1000;
        await new Promise((ok) => setTimeout(ok, linkFreeAt - now));
        res.write(chunk);
      }
      res.end();
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const bound = server.address().port;
  return {
    url: `http://127.0.0.1:${bound}${prefix}`,
    origin: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      }),
  };
}

/**
 * The longest main-thread task a test accepts before calling the page
 * frozen: web.dev's Interaction to Next Paint counts a response slower than
 * 500 ms as poor (https://web.dev/articles/inp). The tests guard against
 * freezes, which took seconds before they were fixed (issue 34: 2.3–75 s).
 * How close the page comes to README's 200 ms budget is a speed, so it is
 * measured, not asserted: the tests print what they saw and
 * `cargo bench --bench adversarial` times the same inputs natively; a busy
 * or slower CI machine must not fail a test on speed.
 */
export const FROZEN_MS = 500;

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The release build served and a browser to load it, as most test files begin. */
export async function start() {
  const server = await serve();
  try {
    return { server, browser: await launch() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** Closes what `start` opened (whatever of it did open). */
export async function stop({ server, browser }) {
  await browser?.close();
  await server?.close();
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens the app and waits until the calculator has drawn every part: the
 * first render shows the top of the page, the rest follows a frame or two
 * later and marks the calculator `data-ready`.
 */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.evidenceLadder?.plan === 'function');
  await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
  await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
  page.errors = errors;
  return page;
}
