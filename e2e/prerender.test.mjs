// The release build's index.html arrives with the calculator prerendered for
// the default inputs (src/bin/prerender.rs); the wasm hydrates that markup
// rather than replacing it. Here: the markup is what the app draws for the
// default inputs (so the two never drift), it is taken over in place, a link
// with other inputs never shows the defaults as its answer, and the embed
// view never shows the full page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, launch, openApp, serve } from './support.mjs';

let browser;
let server;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A page whose wasm is held back until `release()` is called, so the test
 * can look at the prerendered page before the app runs.
 */
async function held(context) {
  const page = await context.newPage();
  let release;
  const gate = new Promise((ok) => (release = ok));
  await page.route(/_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  return { page, release };
}

/**
 * The calculator's markup, comparable between the prerendered page and the
 * running app: without Yew's markers, the `data-ready` mark the app adds
 * once it runs, and with the app's own address (absolute once the app runs;
 * the prerender cannot know it) and the print date written alike.
 */
const calculatorMarkup = (page) =>
  page.locator('#app .calculator').evaluate((el) => {
    const copy = el.cloneNode(true);
    copy.removeAttribute('data-ready');
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    for (const c of comments) c.remove();
    copy.normalize();
    const here = location.origin + location.pathname;
    return copy.outerHTML
      .replaceAll(here + '?', './?')
      .replaceAll(here, './')
      .replace(/printed \d{4}-\d{2}-\d{2}/, 'printed ');
  });

describe('the prerendered page', () => {
  test('index.html holds the default plan, readable without the wasm', async () => {
    const html = await readFile(join(DIST, 'index.html'), 'utf8');
    assert.match(html, /<main id="app" data-app="evidence-ladder" data-prerendered>/);
    for (const text of ['Evidence level 3 of 5', 'Your claim and compute', 'Generality of the claim', 'Method and sources']) {
      assert.ok(html.includes(text), text);
    }
    // The page as shipped is the one the service worker checks, and it
    // keeps the CSP and the checked early.js.
    const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
    const sha = `sha384-${createHash('sha384').update(await readFile(join(DIST, 'index.html'))).digest('base64')}`;
    assert.ok(sw.includes(JSON.stringify(['./', sha])), 'sw.js has the integrity of the prerendered index.html');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:;/);
    assert.match(html, /<script src="\.\/early\.js" crossorigin="anonymous" integrity="sha384-[^"]+"><\/script>/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(server.url);
    await assert.doesNotReject(page.getByRole('status').filter({ hasText: 'Evidence level 3 of 5' }).waitFor());
    assert.ok(await page.getByLabel('Generality of the claim').isVisible());
    assert.ok(await page.locator('#method-title').isVisible());
    assert.ok(!(await page.getByText('Loading the calculator…').isVisible()));
    await ctx.close();
  });

  test("the app's files are fetched after the prerendered page has painted, not preloaded beside it", async () => {
    // On a slow link a preloaded wasm shares the bandwidth with the page and
    // its stylesheet; Lighthouse then puts the largest paint after it.
    const html = await readFile(join(DIST, 'index.html'), 'utf8');
    assert.doesNotMatch(html, /rel="(?:preload|modulepreload)"/);
    const ctx = await browser.newContext();
    const page = await openApp(ctx, server.url);
    await page.waitForFunction(() => typeof window.evidenceLadder?.plan === 'function');
    const { paint, wasm, js } = await page.evaluate(() => {
      const started = (suffix) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(suffix))?.startTime;
      return {
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        wasm: started('_bg.wasm'),
        js: performance.getEntriesByType('resource').find((e) => /evidence-ladder-[0-9a-f]+\.js$/.test(e.name))?.startTime,
      };
    });
    console.log(`# first paint ${paint?.toFixed(0)} ms; wasm requested at ${wasm?.toFixed(0)} ms, JS at ${js?.toFixed(0)} ms`);
    assert.ok(paint > 0 && wasm > 0 && js > 0, JSON.stringify({ paint, wasm, js }));
    assert.ok(wasm >= paint && js >= paint, `requested before the first paint: ${JSON.stringify({ paint, wasm, js })}`);
    await ctx.close();
  });

  test('equals what the app draws for the default inputs, and the app takes it over in place', async () => {
    const ctx = await browser.newContext();
    const { page, release } = await held(ctx);
    await page.goto(server.url);
    await page.locator('#app .calculator').waitFor();
    const prerendered = await calculatorMarkup(page);
    // Marks on prerendered nodes survive only if the app hydrates them
    // rather than drawing new ones.
    await page.evaluate(() => {
      document.querySelector('#app .summary').dataset.probe = 'kept';
      document.querySelector('#method-title').dataset.probe = 'kept';
    });
    const shifts = page.evaluate(
      () =>
        new Promise((done) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
          }).observe({ type: 'layout-shift' });
          const ready = () =>
            document.querySelector('.calculator[data-ready]')
              ? requestAnimationFrame(() => requestAnimationFrame(() => done(total)))
              : setTimeout(ready, 20);
          ready();
        }),
    );
    release();
    await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('#app .summary').getAttribute('data-probe'), 'kept');
    assert.equal(await page.locator('#method-title').getAttribute('data-probe'), 'kept');
    await page.evaluate(() => document.querySelectorAll('[data-probe]').forEach((el) => el.removeAttribute('data-probe')));
    const drawn = await calculatorMarkup(page);
    assert.equal(drawn, prerendered);
    assert.ok((await shifts) < 0.01, `layout shift ${await shifts} when the app took over`);
    assert.equal(await page.locator('#app > .loading').count(), 0);
    assert.deepEqual(page.errors, []);
    // The app works: an edit changes the plan.
    await page.getByLabel('Generality of the claim').selectOption('1');
    await page.waitForFunction(() => !document.querySelector('.summary .level').textContent.includes('3 of 5'));
    await ctx.close();
  });

  test('a page changed before the app starts (a translation, an extension) is drawn afresh, not left broken', async () => {
    const ctx = await browser.newContext();
    const { page, release } = await held(ctx);
    await page.goto(server.url);
    await page.locator('#app .calculator').waitFor();
    // What page translation does: text wrapped in elements the app never drew.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('#app h2, #app h3, #app label')) {
        const font = document.createElement('font');
        font.append(...el.childNodes);
        el.append(font);
      }
    });
    release();
    await page.getByRole('status').filter({ hasText: 'Evidence level 3 of 5' }).waitFor();
    await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
    assert.equal(await page.getByText('Something went wrong').count(), 0);
    // Rendered from scratch once; the next load hydrates again.
    assert.equal(await page.evaluate(() => sessionStorage.getItem('evidence-ladder.render-only')), null);
    await page.getByLabel('Generality of the claim').selectOption('1');
    await page.waitForFunction(() => !document.querySelector('.summary .level').textContent.includes('3 of 5'));
    await ctx.close();
  });

  test('a link with other inputs never shows the defaults as its answer', async () => {
    const ctx = await browser.newContext();
    const { page, release } = await held(ctx);
    await page.goto(`${server.url}?generality=5&novelty=5#method-title`);
    await page.locator('#app .calculator').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.prerender), 'stale');
    // Said on screen and to screen readers; the defaults' answer is hidden
    // from both, while the frame, the form's labels and the method are not.
    const note = page.getByText('Updating the plan for your inputs…');
    assert.ok(await note.isVisible());
    assert.equal(await page.getByRole('status').filter({ hasText: 'Evidence level 3 of 5' }).count(), 0);
    assert.ok(!(await page.locator('.summary .level').isVisible()));
    assert.ok(!(await page.locator('#app .verdict').isVisible()));
    assert.ok(!(await page.getByLabel('Generality of the claim').isVisible()));
    assert.ok(await page.getByText('Generality of the claim', { exact: true }).isVisible());
    assert.ok(await page.locator('#method-title').isVisible());
    assert.ok(await page.locator('h1').isVisible());
    release();
    await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
    await page.getByRole('status').filter({ hasText: 'Evidence level 5 of 5' }).waitFor();
    assert.ok(await page.locator('.summary .level').isVisible());
    assert.ok(!(await note.isVisible()));
    assert.equal(await page.evaluate(() => document.documentElement.dataset.prerender), undefined);
    assert.equal(await page.getByLabel('Generality of the claim').inputValue(), '5');
    assert.match(page.url(), /generality=5&novelty=5/);
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });

  test('inputs saved on an earlier visit are treated like a link', async () => {
    // No service worker: its fetches would pass the held wasm by.
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const first = await openApp(ctx, `${server.url}?novelty=5`);
    await first.waitForFunction(() => localStorage.getItem('evidence-ladder.inputs.v1') === 'novelty=5');
    await first.close();
    const { page, release } = await held(ctx);
    await page.goto(server.url);
    await page.locator('#app .calculator').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.prerender), 'stale');
    release();
    await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
    assert.equal(await page.getByLabel('Novelty: distance from accepted practice').inputValue(), '5');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.prerender), undefined);
    await ctx.close();
  });

  test('the embed view shows "Loading…", never the full page, then its own compact view', async () => {
    const ctx = await browser.newContext();
    const { page, release } = await held(ctx);
    await page.goto(`${server.url}?embed=1&generality=4`);
    await page.locator('#app .calculator').waitFor({ state: 'attached' });
    assert.ok(!(await page.locator('#app .calculator').isVisible()));
    assert.ok(await page.getByText('Loading the calculator…').isVisible());
    assert.ok(!(await page.getByText('Updating the plan for your inputs').isVisible()));
    release();
    await page.locator('.calculator.compact[data-ready]').waitFor();
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    assert.equal(await page.locator('#app .calculator').count(), 1);
    assert.deepEqual(page.errors, []);
    await ctx.close();
  });
});
