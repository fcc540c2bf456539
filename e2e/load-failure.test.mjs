// A load that fails (partial deploy, changed file, broken wasm, a stalled
// network) never leaves "Loading the calculator…" on screen: the page, an
// iframe embed and mount() all say so and offer Retry. And a changed wasm
// or JS never runs; a loader.js that cannot run still leaves a way out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

const status = (page) => page.getByRole('status').filter({ hasText: 'Evidence level' });

/** A copy of the build, changed by `damage(dir, assets)`, served over HTTP. */
async function broken(damage, options = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-ladder-broken-'));
  await cp(DIST, dir, { recursive: true });
  const assets = JSON.parse(await readFile(join(dir, 'embed-assets.json'), 'utf8'));
  await damage(dir, assets);
  const server = await serve(dir, { cors: true, ...options });
  return {
    dir,
    assets,
    server,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page on a copy of the build changed by `damage`, runs `check(page, site)`,
 * then closes the page, runs `cleanup` (e.g. ends stalled responses) and the site.
 */
async function onBroken(damage, check, { options, cleanup = () => {} } = {}) {
  const site = await broken(damage, options);
  const page = await browser.newPage();
  try {
    await check(page, site);
  } finally {
    await page.close();
    cleanup();
    await site.close();
  }
}

/** The wasm with one byte of a string constant changed: it still compiles and runs. */
async function tamper(dir, { wasm }) {
  const bytes = await readFile(join(dir, wasm));
  const at = bytes.indexOf(Buffer.from('Exploratory'));
  assert.ok(at > 0);
  bytes[at + 10] = 'z'.charCodeAt(0);
  await writeFile(join(dir, wasm), bytes);
}

/** The app's JS with a line added at the top: still valid, and it would say if it ran. */
async function tamperJs(dir, { js }) {
  const text = await readFile(join(dir, js), 'utf8');
  await writeFile(join(dir, js), `window.tamperedJsRan = true;\n${text}`);
}

async function expectFailure(page, url) {
  const started = Date.now();
  await page.goto(url);
  const alert = page.locator('#app [role=alert]');
  await alert.waitFor({ timeout: 15000 });
  assert.equal(await page.getByText('Loading the calculator…').count(), 0);
  assert.ok(await alert.getByRole('button', { name: 'Retry' }).isVisible());
  return { alert, ms: Date.now() - started };
}

describe('the page when its files fail', () => {
  test('a missing wasm: a message and Retry, which works once the file is back', async () => {
    await onBroken((dir, { wasm }) => rm(join(dir, wasm)), async (page, site) => {
      const { alert } = await expectFailure(page, `${site.server.url}?generality=5&novelty=5`);
      assert.match(await alert.textContent(), /could not load/);
      await cp(join(DIST, site.assets.wasm), join(site.dir, site.assets.wasm));
      await alert.getByRole('button', { name: 'Retry' }).click();
      assert.equal(await status(page).textContent(), 'Evidence level 5 of 5 — Extraordinary');
    });
  });

  test('a missing JS file', async () => {
    await onBroken((dir, { js }) => rm(join(dir, js)), async (page, site) => {
      await expectFailure(page, site.server.url);
    });
  });

  test('a changed wasm does not run: its integrity is checked when it is fetched', async () => {
    await onBroken(tamper, async (page, site) => {
      await expectFailure(page, `${site.server.url}?generality=1&novelty=1`);
      assert.equal(await page.getByText('Exploratorz').count(), 0);
      assert.equal(await page.evaluate(() => typeof window.evidenceLadder?.plan), 'undefined');
    });
  });

  test('a changed JS does not run: it is imported only after its integrity is checked', async () => {
    await onBroken(tamperJs, async (page, site) => {
      const { alert } = await expectFailure(page, `${site.server.url}?generality=1&novelty=1`);
      assert.match(await alert.textContent(), /could not load/);
      assert.equal(await page.evaluate(() => window.tamperedJsRan), undefined);
      assert.equal(await page.evaluate(() => typeof window.evidenceLadder?.plan), 'undefined');
    });
  });

  test('a loader.js that fails its own integrity: after about 10 s, a message and a Reload link (CSS only)', async () => {
    await onBroken(
      async (dir) => writeFile(join(dir, 'loader.js'), `${await readFile(join(dir, 'loader.js'), 'utf8')}\n// changed\n`),
      async (page, site) => {
        const errors = [];
        page.on('pageerror', (e) => errors.push(e));
        const started = Date.now();
        await page.goto(`${site.server.url}?generality=2`);
        const notice = page.getByText('The calculator has not started.');
        await page.waitForTimeout(5000);
        assert.equal(await notice.isVisible(), false, 'not before its time');
        await notice.waitFor({ state: 'visible', timeout: 12000 });
        const ms = Date.now() - started;
        assert.ok(ms >= 9000 && ms < 14000, `${ms} ms`);
        const reload = page.getByRole('link', { name: 'Reload the page' });
        assert.ok(await reload.isVisible());
        // The link reloads the same address, inputs included.
        assert.equal(await reload.evaluate((a) => a.href), page.url());
        assert.deepEqual(errors, []);
      },
    );
  });

  test('a wasm that does not compile (integrity matching)', async () => {
    await onBroken(async (dir, { wasm }) => {
      await writeFile(join(dir, wasm), Buffer.from('\0asm\x01\0\0\0garbage'));
      execFileSync('node', [new URL('../scripts/post-build.mjs', import.meta.url).pathname], {
        env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'release' },
      });
    }, async (page, site) => {
      await expectFailure(page, site.server.url);
    });
  });

  test('a wasm that never arrives: a message after about 10 s', async () => {
    const stalled = [];
    const options = {
      intercept: (req, res, path) => {
        if (!path.endsWith('.wasm')) return false;
        stalled.push(res);
        return true;
      },
    };
    const cleanup = () => stalled.forEach((res) => res.destroy());
    await onBroken(
      async () => {},
      async (page, site) => {
        const { alert, ms } = await expectFailure(page, site.server.url);
        assert.match(await alert.textContent(), /too long/);
        assert.ok(ms >= 9000 && ms < 14000, `${ms} ms`);
      },
      { options, cleanup },
    );
  });
});

describe('embeds when the files fail', () => {
  test('an iframe embed with a missing wasm says so', async () => {
    await onBroken((dir, { wasm }) => rm(join(dir, wasm)), async (page, site) => {
      const { alert } = await expectFailure(page, `${site.server.url}?embed=1`);
      assert.match(await alert.textContent(), /could not load/);
    });
  });

  for (const [name, damage] of [
    ['a missing wasm', (dir, { wasm }) => rm(join(dir, wasm))],
    ['a changed wasm', tamper],
    ['a changed JS', tamperJs],
  ]) {
    test(`mount() with ${name} rejects and shows Retry in its box`, async () => {
      const site = await broken(damage);
      const host = await serve(DIST, {
        prefix: '/nothing/',
        pages: { '/m.html': `<!doctype html><title>m</title><script src="${site.server.url}embed.js"></script><div id="calc"></div>` },
      });
      const page = await browser.newPage();
      try {
        await page.goto(`${host.origin}/m.html`);
        const message = await page.evaluate(() =>
          window.evidenceLadder.mount(document.getElementById('calc'), { generality: 1, novelty: 1 }).then(() => 'resolved', (e) => e.message),
        );
        assert.match(message, /cannot load|integrity/);
        const alert = page.locator('#calc [role=alert]');
        assert.match(await alert.textContent(), /could not load/);
        assert.ok(await alert.getByRole('button', { name: 'Retry' }).isVisible());
        assert.equal(await page.getByText('Exploratorz').count(), 0);
        assert.equal(await page.evaluate(() => window.tamperedJsRan), undefined);
      } finally {
        await page.close();
        await host.close();
        await site.close();
      }
    });
  }
});
