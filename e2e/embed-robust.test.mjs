// embed.js and mount() on hostile or unusual host pages: panics, bad
// arguments, flaky servers, missing CORS, inherited CSS, late placeholders,
// module scripts, moved iframes, Referer, and a CSP that forbids frames.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, launch, serve } from './support.mjs';

let app, bare, host, browser;
const referers = [];
let assetRequests = 0;

const page = (title, head, body = '') => `<!doctype html><html lang="en"><head><title>${title}</title>${head}</head><body>${body}</body></html>`;

before(async () => {
  app = await serve(DIST, {
    cors: true,
    intercept: (req, res, path) => {
      if (req.headers['sec-fetch-dest'] === 'iframe') referers.push(req.headers.referer ?? null);
      // The first request for the build's names fails, as during a deploy.
      if (path === '/embed-assets.json' && assetRequests++ === 0) {
        res.writeHead(503, { 'access-control-allow-origin': '*' }).end();
        return true;
      }
      return false;
    },
  });
  bare = await serve(DIST); // no Access-Control-Allow-Origin
  const embed = `<script src="${app.url}embed.js"></script>`;
  host = await serve(DIST, {
    prefix: '/nothing-else/',
    pages: {
      '/mount.html': page('Mount', embed, '<main id="app">The host page\'s own app</main><div id="one"></div><div id="two"></div><div id="three"></div>'),
      '/bare.html': page('No CORS', `<script src="${bare.url}embed.js"></script>`, '<div id="one"></div>'),
      '/inherit.html': page(
        'Inherited styles',
        `<style>body { font-style: italic; text-transform: uppercase; direction: rtl; white-space: pre; letter-spacing: 3px; text-align: right; }</style>${embed}`,
        '<div id="one"></div>',
      ),
      '/late.html': page(
        'Late placeholders',
        `<script type="module" src="${app.url}embed.js"></script>`,
        `<article id="post"></article><section id="elsewhere"></section>
         <script>setTimeout(() => { document.getElementById('post').innerHTML = '<div id="late" data-evidence-ladder data-generality="5" data-novelty="5"></div>'; }, 300);</script>`,
      ),
      '/no-frames.html': page(
        'No frames',
        `<meta http-equiv="Content-Security-Policy" content="frame-src 'none'">${embed}`,
        '<div id="a" data-evidence-ladder data-generality="2"></div>',
      ),
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await bare?.close();
  await host?.close();
});

const levelIn = (scope) => scope.getByRole('status').filter({ hasText: 'Evidence level' });

async function mountPage(path = '/mount.html') {
  const p = await browser.newPage();
  await p.goto(`${host.origin}${path}`);
  await p.waitForFunction(() => typeof window.evidenceLadder?.mount === 'function');
  return p;
}

describe('mount() always settles, clearly', () => {
  test('after a failed load (503), the next mount() loads', async () => {
    const p = await mountPage();
    const first = await p.evaluate(() => Promise.race([evidenceLadder.mount(document.getElementById('one'), {}).then(() => 'resolved', (e) => e.message), new Promise((ok) => setTimeout(ok, 15000, 'hung'))]));
    assert.match(first, /HTTP 503/);
    await p.evaluate(() => evidenceLadder.mount(document.getElementById('one'), { generality: 1, novelty: 1 }));
    assert.equal(await levelIn(p.locator('#one')).textContent(), 'Evidence level 1 of 5 — Exploratory');
    await p.close();
  });

  test('bad arguments: TypeErrors and Errors, and the page untouched', async () => {
    const p = await mountPage();
    const results = await p.evaluate(async () => {
      const outcome = (promise) => Promise.race([promise.then(() => 'resolved', (e) => `${e.name}: ${e.message}`), new Promise((ok) => setTimeout(ok, 15000, 'hung'))]);
      const one = document.getElementById('one');
      return {
        notElement: await outcome(evidenceLadder.mount('#one')),
        nullOptions: await outcome(evidenceLadder.mount(one, null)),
        detached: await outcome(evidenceLadder.mount(document.createElement('div'), {})),
        throwing: await outcome(evidenceLadder.mount(one, { get generality() { throw new Error('no such option'); } })),
        untouched: one.childNodes.length,
      };
    });
    assert.match(results.notElement, /^TypeError: .*element must be a DOM element/);
    assert.match(results.nullOptions, /^TypeError: .*options must be an object/);
    assert.match(results.detached, /^Error: .*not in the document/);
    assert.match(results.throwing, /no such option/);
    assert.equal(results.untouched, 0);
    await p.close();
  });

  test('an element removed while loading, and two mounts on one element', async () => {
    const p = await mountPage();
    const results = await p.evaluate(async () => {
      const outcome = (promise) => Promise.race([promise.then(() => 'resolved', (e) => `${e.name}: ${e.message}`), new Promise((ok) => setTimeout(ok, 15000, 'hung'))]);
      const one = document.getElementById('one');
      await outcome(evidenceLadder.mount(one, {})); // the server's one 503 may land here
      const removed = outcome(evidenceLadder.mount(one, {}));
      one.remove();
      const two = document.getElementById('two');
      const [first, second] = await Promise.all([
        outcome(evidenceLadder.mount(two, { generality: 1, novelty: 1 })),
        outcome(evidenceLadder.mount(two, { generality: 5, novelty: 5 })),
      ]);
      return { removed: await removed, first, second, children: two.children.length };
    });
    assert.match(results.removed, /removed from the document/);
    assert.match(results.first, /replaced by a later mount/);
    assert.equal(results.second, 'resolved');
    assert.equal(results.children, 1);
    assert.equal(await levelIn(p.locator('#two')).count(), 1);
    assert.equal(await levelIn(p.locator('#two')).textContent(), 'Evidence level 5 of 5 — Extraordinary');
    await p.close();
  });

  test('a host without CORS: the error names the header to send', async () => {
    const p = await mountPage('/bare.html');
    const message = await p.evaluate(() => Promise.race([evidenceLadder.mount(document.getElementById('one'), {}).then(() => 'resolved', (e) => e.message), new Promise((ok) => setTimeout(ok, 15000, 'hung'))]));
    assert.match(message, /Access-Control-Allow-Origin/);
    await p.close();
  });
});

/** Once window.refuse is set, the DOM refuses the next change the app makes, and the app panics. */
function refuseDom() {
  for (const [proto, name] of [
    [Node.prototype, 'insertBefore'],
    [Node.prototype, 'appendChild'],
    [Node.prototype, 'removeChild'],
    [Element.prototype, 'setAttribute'],
    [Element.prototype, 'removeAttribute'],
  ]) {
    const original = proto[name];
    proto[name] = function (...args) {
      if (window.refuse) {
        window.refuse = false;
        throw new Error('refused');
      }
      return original.apply(this, args);
    };
  }
}

describe('a panic stays in its calculator', () => {
  test('the panicking mount rejects and says so in its own box; the others and the page go on', async () => {
    const p = await mountPage();
    // Make the DOM refuse the app while #two mounts, which makes the app panic.
    await p.evaluate(refuseDom);
    const results = await p.evaluate(async () => {
      const outcome = (promise) => Promise.race([promise.then(() => 'resolved', (e) => `${e.name}: ${e.message}`), new Promise((ok) => setTimeout(ok, 15000, 'hung'))]);
      await outcome(evidenceLadder.mount(document.getElementById('one'), { generality: 1, novelty: 1 }));
      const one = await outcome(evidenceLadder.mount(document.getElementById('one'), { generality: 1, novelty: 1 }));
      window.refuse = true;
      const two = await outcome(evidenceLadder.mount(document.getElementById('two'), {}));
      window.refuse = false;
      return { one, two };
    });
    assert.equal(results.one, 'resolved');
    assert.match(results.two, /stopped/);
    const alert = p.locator('#two [role=alert]');
    const text = await alert.textContent();
    assert.match(text, /this calculator stopped/);
    assert.doesNotMatch(text, /address bar/);
    assert.ok(await alert.getByRole('button', { name: 'Retry' }).isVisible());
    assert.equal(await p.locator('#app').textContent(), "The host page's own app");

    const one = p.locator('#one');
    await one.getByText('Change the claim and compute').click();
    await one.getByRole('combobox', { name: /^Generality/ }).selectOption('5');
    await levelIn(one).filter({ hasNotText: 'level 1 ' }).waitFor();

    // Retry, with the DOM behaving again, starts a new calculator.
    await alert.getByRole('button', { name: 'Retry' }).click();
    await levelIn(p.locator('#two')).waitFor();
    await p.close();
  });

  test('a panic in an iframe embed does not point at an address bar', async () => {
    const p = await browser.newPage();
    await p.goto(`${host.origin}/late.html`);
    await p.frameLocator('#late iframe').getByRole('status').waitFor();
    const f = p.frames().find((x) => x.url().includes('embed=1'));
    await f.evaluate(refuseDom);
    const inner = p.frameLocator('#late iframe');
    await inner.getByText('Change the claim and compute').click();
    await f.evaluate(() => {
      window.refuse = true;
    });
    await inner.getByRole('combobox', { name: /^Generality/ }).selectOption('1');
    const alert = inner.getByRole('alert');
    await alert.waitFor();
    assert.doesNotMatch(await alert.textContent(), /address bar/);
    await p.close();
  });
});

describe('a mounted calculator in the host page', () => {
  test('inherits none of the host body styles', async () => {
    const p = await mountPage('/inherit.html');
    await p.evaluate(async () => {
      try {
        await evidenceLadder.mount(document.getElementById('one'), {});
      } catch {
        await evidenceLadder.mount(document.getElementById('one'), {});
      }
    });
    const style = await levelIn(p.locator('#one')).evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.fontStyle, s.textTransform, s.direction, s.whiteSpace, s.letterSpacing, s.textAlign];
    });
    assert.deepEqual(style.slice(0, 5), ['normal', 'none', 'ltr', 'normal', 'normal']);
    assert.notEqual(style[5], 'right');
    await p.close();
  });

  test('a full calculator (compact: false) offers embed snippets with the app address', async () => {
    const p = await mountPage();
    await p.evaluate(async () => {
      const one = document.getElementById('one');
      await evidenceLadder.mount(one, { compact: false }).catch(() => evidenceLadder.mount(one, { compact: false }));
    });
    const one = p.locator('#one');
    await one.getByRole('button', { name: 'Embed' }).click();
    const snippets = await one.locator('dialog.embed-dialog textarea').evaluateAll((all) => all.map((t) => t.value));
    assert.ok(snippets.length >= 2);
    for (const snippet of snippets) {
      assert.ok(snippet.includes(app.url), snippet);
      assert.ok(!snippet.includes(host.origin), snippet);
    }
    await p.close();
  });
});

describe('embed.js placeholders and iframes', () => {
  test('loaded as a module, it upgrades a placeholder added after load; no Referer; a moved frame keeps resizing', async () => {
    const p = await browser.newPage({ viewport: { width: 700, height: 900 } });
    referers.length = 0;
    await p.goto(`${host.origin}/late.html`);
    const frame = p.frameLocator('#late iframe');
    assert.equal(await levelIn(frame).textContent(), 'Evidence level 5 of 5 — Extraordinary');
    const iframe = p.locator('#late iframe');
    assert.equal(await iframe.getAttribute('referrerpolicy'), 'no-referrer');
    assert.ok(referers.length > 0 && referers.every((r) => r === null), JSON.stringify(referers));

    await p.waitForFunction(() => document.querySelector('#late iframe')?.dataset.sized !== undefined);
    // Moving the placeholder reloads its frame, with a new window.
    await p.evaluate(() => document.getElementById('elsewhere').append(document.getElementById('late')));
    await levelIn(frame).waitFor();
    const before = await iframe.evaluate((f) => f.getBoundingClientRect().height);
    await frame.getByText('Change the claim and compute').click();
    await p.waitForFunction((h) => document.querySelector('#late iframe').getBoundingClientRect().height > h, before);

    // And a way to ask, for pages that add placeholders in ways an observer misses.
    assert.equal(await p.evaluate(() => typeof window.evidenceLadder.scan), 'function');
    await p.close();
  });

  test('a page whose CSP forbids frames gets a link instead of an empty box', async () => {
    const p = await browser.newPage();
    await p.goto(`${host.origin}/no-frames.html`);
    const link = p.locator('#a').getByRole('link', { name: /Open the Evidence Ladder calculator/ });
    await link.waitFor({ timeout: 5000 });
    const href = await link.getAttribute('href');
    assert.ok(href.startsWith(app.url), href);
    assert.match(href, /generality=2/);
    assert.doesNotMatch(href, /embed=1/);
    await p.close();
  });
});
