// Calculators inside someone else's blog: embed.js iframes and mount(), with
// the blog on a different origin from the app.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve } from './support.mjs';

let app, host, browser;

const HOST_CSS = `<style>
  body { font-family: Georgia, serif; }
  button { text-transform: uppercase; }
  div { letter-spacing: 3px; }
</style>`;

before(async () => {
  app = await serve(undefined, { cors: true });
  const embed = `<script src="${app.url}embed.js" async></script>`;
  host = await serve(undefined, {
    prefix: '/nothing-else/',
    pages: {
      '/two-embeds.html': `<!doctype html><html lang="en"><head><title>Two embeds</title>${HOST_CSS}${embed}</head><body>
        <div id="a" data-evidence-ladder data-generality="1" data-novelty="1"></div>
        <div id="b" data-evidence-ladder data-generality="5" data-novelty="5" data-tokens-per-param="10" data-theme="dark"></div>
        <iframe id="stranger" srcdoc="<script>parent.postMessage({type:'evidence-ladder:height',height:33},'*')</script>"></iframe>
      </body></html>`,
      '/mount.html': `<!doctype html><html lang="en"><head><title>Mount</title>${HOST_CSS}
        <script>window.globalsBefore = Object.getOwnPropertyNames(window);</script>${embed}</head><body>
        <div id="one"></div><div id="two"></div>
      </body></html>`,
      '/sandboxed.html': `<!doctype html><html lang="en"><head><title>Sandboxed</title></head><body>
        <iframe id="boxed" sandbox="allow-scripts" style="width:600px;height:600px" src="${app.url}?embed=1&novelty=5&generality=5"></iframe>
      </body></html>`,
      // The full app (which registers the service worker), sandboxed the same way.
      '/sandboxed-app.html': `<!doctype html><html lang="en"><head><title>Sandboxed app</title></head><body>
        <iframe id="boxed" sandbox="allow-scripts" style="width:600px;height:600px" src="${app.url}?novelty=5&generality=5"></iframe>
      </body></html>`,
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
});

const levelIn = (frame) => frame.getByRole('status').filter({ hasText: 'Evidence level' });

describe('embed.js iframes', () => {
  test('two embeds on one page, each with its own inputs, sized to their content', async () => {
    const page = await browser.newPage({ viewport: { width: 700, height: 900 } });
    await page.goto(`${host.origin}/two-embeds.html`);
    const frameA = page.frameLocator('#a iframe');
    const frameB = page.frameLocator('#b iframe');
    assert.equal(await levelIn(frameA).textContent(), 'Evidence level 1 of 5 — Exploratory');
    assert.equal(await levelIn(frameB).textContent(), 'Evidence level 5 of 5 — Extraordinary');
    const iframe = page.locator('#a iframe');
    // Loaded at once, so a frame below the fold reports its height before the reader gets there.
    assert.equal(await iframe.getAttribute('loading'), null);
    assert.ok((await iframe.getAttribute('title')).length > 0);
    assert.match(await iframe.getAttribute('src'), /embed=1/);
    assert.match(await page.locator('#b iframe').getAttribute('src'), /tokens_per_param=10&embed=1&theme=dark/);

    // The frame grows to its content: no inner scrollbar.
    const fitted = async () => {
      const outer = await iframe.evaluate((f) => f.getBoundingClientRect().height);
      const inner = await frameA.locator('html').evaluate((h) => h.scrollHeight);
      return Math.abs(outer - inner) <= 1;
    };
    await page.waitForFunction(() => document.querySelector('#a iframe')?.dataset.sized !== undefined);
    assert.ok(await fitted(), 'iframe height equals its content height');
    const before = await iframe.evaluate((f) => f.getBoundingClientRect().height);
    await frameA.getByText('Change the claim and compute').click();
    await page.waitForFunction((h) => document.querySelector('#a iframe').getBoundingClientRect().height > h, before);
    assert.ok(await fitted(), 'and follows it when it changes');

    // The stranger frame's forged message was ignored.
    for (const id of ['#a', '#b']) {
      assert.notEqual(await page.locator(`${id} iframe`).evaluate((f) => f.style.height), '33px');
    }
    // So is a forged message from the page itself.
    await page.evaluate(() => window.postMessage({ type: 'evidence-ladder:height', height: 44 }, '*'));
    await page.waitForTimeout(200);
    assert.notEqual(await iframe.evaluate((f) => f.style.height), '44px');
    await page.close();
  });

  test('the embed view links to the full calculator with the current inputs', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.origin}/two-embeds.html`);
    const frame = page.frameLocator('#a iframe');
    await frame.getByText('Change the claim and compute').click();
    await frame.getByRole('combobox', { name: /^Novelty/ }).selectOption('4');
    const link = frame.getByRole('link', { name: /Open full calculator/ });
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener');
    const href = await link.getAttribute('href');
    assert.ok(href.startsWith(app.url), href);
    assert.match(href, /generality=1&novelty=4/);
    assert.doesNotMatch(href, /embed=1/);
    await page.close();
  });

  for (const path of ['/sandboxed.html', '/sandboxed-app.html']) {
    test(`an iframe sandboxed without allow-same-origin still computes, styled and without errors (${path})`, async () => {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${host.origin}${path}`);
      const frame = page.frameLocator('#boxed');
      assert.equal(await levelIn(frame).textContent(), 'Evidence level 5 of 5 — Extraordinary');
      // The stylesheet loaded (an opaque origin makes it a CORS request).
      assert.equal(await frame.locator('body').evaluate((b) => getComputedStyle(b).boxSizing), 'border-box');
      if (path === '/sandboxed.html') await frame.getByText('Change the claim and compute').click();
      await frame.getByRole('combobox', { name: /^Novelty/ }).selectOption('1');
      await levelIn(frame).filter({ hasText: 'level 3' }).waitFor();
      // No SecurityError from pwa.js, no blocked stylesheet or script.
      assert.deepEqual(errors.map(String), []);
      await page.close();
    });
  }
});

describe('evidenceLadder.mount()', () => {
  test('two independent calculators in shadow roots, untouched by the page CSS', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.origin}/mount.html`);
    await page.waitForFunction(() => typeof window.evidenceLadder?.mount === 'function');
    await page.evaluate(async () => {
      await window.evidenceLadder.mount(document.getElementById('one'), { generality: 1, novelty: 2 });
      await window.evidenceLadder.mount(document.getElementById('two'), { generality: 4, novelty: 5, theme: 'dark' });
    });
    const one = page.locator('#one');
    const two = page.locator('#two');
    assert.equal(await levelIn(one).textContent(), 'Evidence level 1 of 5 — Exploratory');
    assert.equal(await levelIn(two).textContent(), 'Evidence level 5 of 5 — Extraordinary');

    await one.getByText('Change the claim and compute').click();
    await one.getByRole('combobox', { name: /^Generality/ }).selectOption('5');
    await levelIn(one).filter({ hasText: 'level 4' }).waitFor();
    assert.equal(await levelIn(two).textContent(), 'Evidence level 5 of 5 — Extraordinary', 'independent');

    const style = await one.getByRole('combobox', { name: /^Generality/ }).evaluate((el) => {
      const s = getComputedStyle(el);
      return { spacing: s.letterSpacing, font: s.fontFamily };
    });
    assert.notEqual(style.spacing, '3px', 'host CSS does not reach inside');
    assert.doesNotMatch(style.font, /Georgia/);
    assert.match(await page.evaluate(() => getComputedStyle(document.body).fontFamily), /Georgia/, 'our CSS does not leak out');

    // The host page's address bar is not ours to touch.
    assert.equal(new URL(page.url()).search, '');
    const added = await page.evaluate(() =>
      Object.getOwnPropertyNames(window).filter((n) => n !== 'globalsBefore' && !window.globalsBefore.includes(n)),
    );
    assert.deepEqual(added, ['evidenceLadder']);
    await page.close();
  });

  test('a mounted calculator keeps its skip link inside itself, below the blog heading', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${host.origin}/mount.html`);
    await page.evaluate(() => {
      const heading = document.createElement('h1');
      heading.textContent = 'A blog post';
      heading.style.height = '300px';
      document.body.prepend(heading);
    });
    await page.waitForFunction(() => typeof window.evidenceLadder?.mount === 'function');
    await page.evaluate(() => window.evidenceLadder.mount(document.getElementById('one'), { compact: false }));
    await levelIn(page.locator('#one')).waitFor();
    await page.evaluate(() => scrollTo(0, 0));
    await page.keyboard.press('Tab');
    const skip = page.locator('#one').getByRole('link', { name: 'Skip to the plan' });
    await skip.waitFor();
    const [link, box] = [await skip.boundingBox(), await page.locator('#one').boundingBox()];
    assert.ok(link.y >= box.y && link.x >= box.x, `skip link at ${link.x},${link.y}; calculator at ${box.x},${box.y}`);
    await page.close();
  });

  test('mount rejects what is not an element', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.origin}/mount.html`);
    await page.waitForFunction(() => typeof window.evidenceLadder?.mount === 'function');
    const message = await page.evaluate(() => window.evidenceLadder.mount('#one').catch((e) => e.message));
    assert.match(message, /element must be a DOM element/);
    await page.close();
  });
});
