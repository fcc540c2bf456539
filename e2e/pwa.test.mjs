// Installable and offline: first visit installs the worker, the app runs with
// the server gone, and a new deploy arrives through "Update available".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, launch, serve } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A copy of the release build that a test can redeploy. */
async function deployment() {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-ladder-'));
  await cp(DIST, dir, { recursive: true });
  return dir;
}

/** A new deploy: index.html changes, and the post-build hook writes a new sw.js. */
async function redeploy(dir) {
  const index = join(dir, 'index.html');
  const html = await readFile(index, 'utf8');
  await writeFile(index, html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    <meta name="x-build" content="2" />'));
  execFileSync('node', [new URL('../scripts/post-build.mjs', import.meta.url).pathname], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'release' },
  });
}

/**
 * A real next version: every hashed file renamed (as a new build names them),
 * the old ones gone, index.html marked, and the post-build hook rerun.
 */
async function nextVersion(dir) {
  const assets = JSON.parse(await readFile(join(dir, 'embed-assets.json'), 'utf8'));
  const renames = [assets.js, assets.wasm, assets.css].map((old) => [old, old.replace(/-([0-9a-f]+)(?=[._])/, (_, h) => '-' + [...h].reverse().join(''))]);
  for (const [from, to] of renames) await rename(join(dir, from), join(dir, to));
  for (const file of ['index.html', 'embed-assets.json', renames[0][1]]) {
    let text = await readFile(join(dir, file), 'utf8');
    for (const [from, to] of renames) text = text.replaceAll(from, to);
    if (file === 'index.html') text = text.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    <meta name="x-build" content="2" />');
    await writeFile(join(dir, file), text);
  }
  execFileSync('node', [new URL('../scripts/post-build.mjs', import.meta.url).pathname], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'release' },
  });
  assert.ok(!(await readdir(dir)).includes(assets.js));
}

const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');

const status = (page) => page.getByRole('status').filter({ hasText: 'Evidence level' });

async function scenario(prefix) {
  const dir = await deployment();
  let server = await serve(dir, { prefix });
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  try {
    // First visit: the worker installs, activates and takes control.
    await page.goto(`${server.url}?generality=2`);
    await status(page).waitFor();
    // `ready` can resolve while the worker is still activating: wait for both.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    const state = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).active.state);
    assert.equal(state, 'activated');
    const caches = await page.evaluate(() => caches.keys());
    assert.equal(caches.length, 1);
    assert.equal(caches[0], `evidence-ladder:${server.url}:${(await readFile(join(dir, 'sw.js'), 'utf8')).match(/VERSION = '(\w+)'/)[1]}`);

    // Offline: the server is gone, the calculator still loads and computes.
    await server.close();
    await page.reload();
    await status(page).waitFor();
    await page.getByRole('combobox', { name: /^Novelty/ }).selectOption('5');
    await status(page).filter({ hasText: 'level 4' }).waitFor();
    await page.goto(`${server.url}?generality=5&novelty=5`);
    assert.equal(await status(page).textContent(), 'Evidence level 5 of 5 — Extraordinary');

    // A new deploy: "Update available", one reload, the new version runs.
    await redeploy(dir);
    server = await serve(dir, { prefix, port: server.port });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('alert').filter({ hasText: 'Update available' });
    await banner.waitFor();
    assert.equal(await page.locator('meta[name=x-build]').count(), 0, 'old version until the user agrees');
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);
    await banner.getByRole('button', { name: 'Reload' }).click();
    await page.waitForSelector('meta[name=x-build]', { state: 'attached' });
    await status(page).waitFor();
    await page.waitForTimeout(500);
    assert.equal(navigations, 1, 'exactly one reload');
    assert.equal(await page.evaluate(() => caches.keys().then((k) => k.length)), 1, 'the old cache is gone');
    assert.deepEqual(problems.filter((p) => /integrity|Refused|CSP/i.test(p)), []);
  } finally {
    await context.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('offline and updates', () => {
  test('at the root', () => scenario('/'));

  test('behind max-age caching, an accepted update is whole, reaches every tab, and runs offline from a cleared HTTP cache', async () => {
    const dir = await deployment();
    const server = await serve(dir, { cacheControl: 'max-age=600' });
    const context = await browser.newContext();
    try {
      const first = await context.newPage();
      await first.goto(`${server.url}?generality=2`);
      await status(first).waitFor();
      await first.evaluate(() => navigator.serviceWorker.ready);
      await controlled(first);
      // Other apps on this origin, and this app deployed under another path.
      const foreign = ['static-0123456789abcdef', 'another-app-v1', `evidence-ladder:${server.origin}/elsewhere/:0123456789abcdef`];
      await first.evaluate((names) => Promise.all(names.map((n) => caches.open(n))), foreign);
      const second = await context.newPage();
      await second.goto(`${server.url}?generality=4`);
      await status(second).waitFor();
      await controlled(second);

      await nextVersion(dir);
      await first.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      const banner = first.getByRole('alert').filter({ hasText: 'Update available' });
      await banner.waitFor();
      await banner.getByRole('button', { name: 'Reload' }).click();
      await first.waitForSelector('meta[name=x-build]', { state: 'attached', timeout: 10000 });
      await status(first).waitFor();
      // The other tab follows without a click.
      await second.waitForSelector('meta[name=x-build]', { state: 'attached', timeout: 10000 });
      await status(second).waitFor();
      assert.match(new URL(second.url()).search, /generality=4/);

      const names = await first.evaluate(() => caches.keys());
      for (const name of foreign) assert.ok(names.includes(name), `${name} is not ours to delete`);
      assert.equal(names.filter((n) => n.startsWith(`evidence-ladder:${server.url}:`)).length, 1);

      // No HTTP cache, no server: the new version starts from the worker alone.
      const cdp = await context.newCDPSession(first);
      await cdp.send('Network.clearBrowserCache');
      await server.close();
      await second.close();
      await first.reload();
      await first.waitForSelector('meta[name=x-build]', { state: 'attached' });
      await status(first).waitFor();
      await first.getByRole('combobox', { name: /^Novelty/ }).selectOption('5');
      await status(first).filter({ hasText: 'level 4' }).waitFor();
    } finally {
      await context.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('an install that meets a half-deployed version keeps the old one', async () => {
    const dir = await deployment();
    const server = await serve(dir);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await status(page).waitFor();
      await controlled(page);
      // The new sw.js and index.html are up, the new wasm is not yet.
      await nextVersion(dir);
      const { wasm } = JSON.parse(await readFile(join(dir, 'embed-assets.json'), 'utf8'));
      await rm(join(dir, wasm));
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update().catch(() => {}));
      await page.waitForFunction(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return !r.installing && !r.waiting;
      });
      await page.reload();
      await status(page).waitFor();
      assert.equal(await page.locator('meta[name=x-build]').count(), 0, 'still the complete old version');
    } finally {
      await context.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
  test('under a sub-path', () => scenario('/tools/evidence-ladder/'));

  test('the worker is registered once the app has its files, not while they download', async () => {
    // Its install downloads every file again: registered at load, on a first
    // visit over a slow link it shared the link with the app's own wasm.
    // Nor inside the load event, which lengthened the page's parse-end task.
    const server = await serve(DIST);
    const context = await browser.newContext();
    await context.addInitScript(() => {
      // This listener is added first, so it runs first: the flag is up for the
      // page's own load listeners and down from the next task on.
      window.addEventListener('load', () => {
        window.inLoadEvent = true;
        setTimeout(() => (window.inLoadEvent = false), 0);
      });
      const register = ServiceWorkerContainer.prototype.register;
      ServiceWorkerContainer.prototype.register = function (...args) {
        window.registered = {
          inLoadEvent: window.inLoadEvent === true,
          wasmArrived: performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm') && e.responseEnd > 0),
          appDefined: typeof window.evidenceLadder?.plan === 'function',
        };
        return register.apply(this, args);
      };
    });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => window.registered !== undefined);
      assert.deepEqual(await page.evaluate(() => window.registered), {
        inLoadEvent: false,
        wasmArrived: true,
        appDefined: true,
      });
      await page.evaluate(() => navigator.serviceWorker.ready);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('installing the offline copy sends no file twice where the host has validators', async () => {
    // The install fetches every file of the build. Those the page has just
    // downloaded (the wasm is most of the build's bytes) come back as 304s
    // from a host that sends ETags, rather than as their bytes again.
    const sent = new Map(); // path → statuses, in order
    const server = await serve(DIST, {
      intercept: (req, res, path) => {
        res.on('finish', () => sent.set(path, [...(sent.get(path) ?? []), res.statusCode]));
        return false;
      },
    });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await status(page).waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready);
      const { wasm, js } = JSON.parse(await readFile(join(DIST, 'embed-assets.json'), 'utf8'));
      for (const file of [wasm, js]) assert.deepEqual(sent.get(`/${file}`), [200, 304], file);
      const twice = [...sent].filter(([, statuses]) => statuses.filter((s) => s === 200).length > 1);
      assert.deepEqual(twice, []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('the manifest installs the app from its own folder', async () => {
    const server = await serve(DIST, { prefix: '/tools/evidence-ladder/' });
    const page = await browser.newPage();
    await page.goto(server.url);
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel=manifest]').href;
      return { href, body: await (await fetch(href)).json() };
    });
    assert.equal(manifest.href, `${server.url}manifest.webmanifest`);
    assert.equal(manifest.body.start_url, './');
    assert.equal(manifest.body.scope, './');
    assert.equal(manifest.body.display, 'standalone');
    const purposes = manifest.body.icons.map((i) => `${i.sizes} ${i.purpose}`);
    for (const wanted of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(purposes.includes(wanted), wanted);
    for (const icon of manifest.body.icons) {
      const ok = await page.evaluate(async (src) => (await fetch(src)).ok, new URL(icon.src, manifest.href).href);
      assert.ok(ok, icon.src);
    }
    await page.close();
    await server.close();
  });
});
