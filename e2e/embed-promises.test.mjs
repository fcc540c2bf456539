// Embeds keep their promises: every input the Embed dialog writes reaches
// the calculator, page CSS does not restyle a mounted one, frames know their
// height before they are scrolled to, a refused frame leaves a link, the
// theme follows the blog's background, and a post built from the dialog's
// snippets does not move while they load.
// The blog is on another site (localhost) than the app (127.0.0.1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve } from './support.mjs';

let app, slow, refusing, host, browser;
const pages = {}; // the blog's pages, by path, added by each test

before(async () => {
  app = await serve(undefined, { cors: true });
  // A slow app host: its wasm arrives 1.5 s late, so the calculators land
  // while the reader is already scrolling through the post.
  slow = await serve(undefined, {
    cors: true,
    intercept: async (req, res, path) => {
      if (path.endsWith('.wasm')) await new Promise((ok) => setTimeout(ok, 1500));
      return false;
    },
  });
  // An app host that forbids being framed anywhere.
  refusing = await serve(undefined, {
    cors: true,
    intercept: (req, res) => {
      res.setHeader('content-security-policy', "frame-ancestors 'none'");
      return false;
    },
  });
  host = await serve(undefined, { prefix: '/nothing-else/', pages });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await slow?.close();
  await refusing?.close();
  await host?.close();
});

const blog = (path) => `http://localhost:${host.port}${path}`;
const levelIn = (scope) => scope.getByRole('status').filter({ hasText: 'Evidence level' });
const PROSE = '<p>A paper sells an artifact or an insight. Insights are judged on whether they are true, and the bar rises with how general the claim is and how far it strays from what the field believes. This paragraph is here to give the post some length, as a real post has.</p>';

/**
 * A value for every input the app has, each different from its default and
 * accepted: the list of inputs comes from plan()'s own `inputs`, the allowed
 * choices from the app's own error messages. Nothing here names a field.
 */
function everyInputChanged() {
  const api = window.evidenceLadder;
  const defaults = api.plan({}).inputs;
  const chosen = {};
  const untested = [];
  for (const [key, d] of Object.entries(defaults)) {
    let candidates;
    if (typeof d === 'string') {
      let hint = '';
      try {
        api.plan({ [key]: '⁉' });
      } catch (e) {
        hint = e.message;
      }
      const list = /one of (.+?) \(got/.exec(hint)?.[1].split(/,\s*/) ?? [];
      candidates = [...list, ...(hint.match(/\b[A-Z]{3}\b/g) ?? [])];
    } else {
      candidates = typeof d === 'number' ? [d * 2, d / 2, d + 1, d - 1, d * 10, d / 10] : [];
      candidates.push(2, 1, 0.5, 0.25, 10, 100, 1e4, 1e6, 1e9, 1e12, 1e13);
    }
    const pick = candidates.find((c) => {
      try {
        const v = api.plan({ [key]: c }).inputs[key];
        return v !== d && v !== null;
      } catch {
        return false;
      }
    });
    if (pick === undefined) untested.push(key);
    else chosen[key] = pick;
  }
  api.plan(chosen); // and together they are a valid plan
  return { chosen, untested };
}

/** The inputs a calculator holds, read from its "Open full calculator" link. */
async function inputsOf(scope) {
  const href = await scope.getByRole('link', { name: /Open full calculator/ }).getAttribute('href');
  return Object.fromEntries(new URL(href).searchParams);
}

function assertSameInputs(got, chosen, where) {
  for (const [key, value] of Object.entries(chosen)) {
    assert.ok(key in got, `${where}: ${key} is missing (got ${JSON.stringify(got)})`);
    const same = typeof value === 'number' ? Number(got[key]) === value : got[key] === String(value);
    assert.ok(same, `${where}: ${key} is ${got[key]}, not ${value}`);
  }
}

/** The Embed dialog's two snippets for the app page at `query` (on `site`). */
async function snippets(query = '', site = app) {
  const page = await browser.newPage();
  await page.goto(`${site.url}${query}`);
  await levelIn(page).waitFor();
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const iframe = await page.getByRole('textbox', { name: 'In an iframe that resizes itself' }).inputValue();
  const mount = await page.getByRole('textbox', { name: 'Straight into the page, with mount()' }).inputValue();
  await page.close();
  return { iframe, mount };
}

describe('every input the Embed dialog writes reaches the calculator', () => {
  test('the iframe and mount() snippets of a plan with every input changed', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.waitForFunction(() => typeof window.evidenceLadder?.plan === 'function');
    const { chosen, untested } = await page.evaluate(everyInputChanged);
    await page.close();
    assert.deepEqual(untested, [], 'every input has a changed value to test');
    assert.ok(Object.keys(chosen).length >= 20, Object.keys(chosen).join());

    const query = '?' + new URLSearchParams(chosen);
    const { iframe, mount } = await snippets(query);
    for (const key of Object.keys(chosen)) {
      assert.ok(iframe.includes(` data-${key.replaceAll('_', '-')}="`), `the iframe snippet writes ${key}`);
      assert.ok(mount.includes(`${key}: `), `the mount snippet writes ${key}`);
    }
    pages['/every-input.html'] = `<!doctype html><html lang="en"><head><title>Every input</title></head><body>${iframe}\n${mount}</body></html>`;
    const blogPage = await browser.newPage();
    await blogPage.goto(blog('/every-input.html'));
    const frame = blogPage.frameLocator('[data-evidence-ladder] iframe');
    await levelIn(frame).waitFor();
    assertSameInputs(await inputsOf(frame), chosen, 'iframe');
    const mounted = blogPage.locator('#evidence-ladder');
    await levelIn(mounted).waitFor();
    assertSameInputs(await inputsOf(mounted), chosen, 'mount()');
    await blogPage.close();
  });
});

describe('a mounted calculator ignores the page CSS', () => {
  test('inherited properties and custom properties do not reach it', async () => {
    pages['/hostile-css.html'] = `<!doctype html><html lang="en"><head><title>Hostile CSS</title>
      <style>.post * { color: red; text-transform: uppercase; line-height: 3 } div { --panel: black; --text: red; --bg: black }</style>
      <script src="${app.url}embed.js"></script></head><body><div class="post"><div id="calc"></div></div></body></html>`;
    const page = await browser.newPage();
    await page.goto(blog('/hostile-css.html'));
    await page.evaluate(() => window.evidenceLadder.mount(document.getElementById('calc'), { theme: 'light' }));
    const level = levelIn(page.locator('#calc'));
    const style = await level.evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, transform: s.textTransform, lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
    });
    assert.notEqual(style.color, 'rgb(255, 0, 0)');
    assert.equal(style.transform, 'none');
    assert.ok(style.lineHeight < 2, `line-height ${style.lineHeight}`);
    const panel = await page.locator('#calc .panel').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(panel, 'rgb(0, 0, 0)');
    await page.close();
  });
});

describe('iframes below the fold and refused frames', () => {
  test('an off-screen cross-site frame knows its height before it is scrolled to', async () => {
    pages['/long.html'] = `<!doctype html><html lang="en"><head><title>Long</title><script src="${app.url}embed.js" async></script></head><body>
      ${PROSE.repeat(40)}<div id="below" data-evidence-ladder data-generality="2"></div>${PROSE}</body></html>`;
    const page = await browser.newPage({ viewport: { width: 720, height: 800 } });
    await page.goto(blog('/long.html'));
    const iframe = page.locator('#below iframe');
    assert.ok((await iframe.boundingBox()).y > 2000, 'off screen');
    await page.waitForFunction(() => document.querySelector('#below iframe')?.dataset.sized !== undefined, null, { timeout: 15000 });
    const before = await iframe.evaluate((f) => f.getBoundingClientRect().height);
    await iframe.scrollIntoViewIfNeeded();
    await levelIn(page.frameLocator('#below iframe')).waitFor();
    await page.waitForTimeout(1000);
    const after = await iframe.evaluate((f) => f.getBoundingClientRect().height);
    assert.ok(Math.abs(after - before) <= 1, `${before} px before, ${after} px after scrolling`);
    await page.close();
  });

  test('when the app host refuses framing, the reader sees a link to the calculator', async () => {
    pages['/refused.html'] = `<!doctype html><html lang="en"><head><title>Refused</title><script src="${refusing.url}embed.js"></script></head><body>
      <div id="a" data-evidence-ladder data-generality="2"></div></body></html>`;
    const page = await browser.newPage();
    await page.goto(blog('/refused.html'));
    await page.waitForTimeout(3000);
    const link = page.locator('#a').getByRole('link', { name: /Open the Evidence Ladder calculator/ });
    assert.ok(await link.isVisible());
    const href = await link.getAttribute('href');
    assert.ok(href.startsWith(refusing.url), href);
    assert.match(href, /generality=2/);
    // On top, not hidden behind the refused frame.
    const onTop = await link.evaluate((a) => {
      const r = a.getBoundingClientRect();
      return a.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
    });
    assert.ok(onTop);
    await page.close();
  });
});

describe('the theme follows the blog', () => {
  for (const [name, background, osScheme, expected] of [
    ['a dark blog on a light OS', '#15171c', 'light', 'dark'],
    ['a cream blog on a dark OS', '#fdfaf3', 'dark', 'light'],
  ]) {
    test(`${name}: ${expected}`, async () => {
      const path = `/theme-${expected}.html`;
      pages[path] = `<!doctype html><html lang="en"><head><title>Theme</title><style>body { background: ${background} }</style>
        <script src="${app.url}embed.js"></script></head><body>
        <div id="framed" data-evidence-ladder></div><div id="mounted"></div></body></html>`;
      const page = await browser.newPage({ colorScheme: osScheme });
      await page.goto(blog(path));
      await page.evaluate(() => window.evidenceLadder.mount(document.getElementById('mounted'), {}));
      assert.match(await page.locator('#framed iframe').getAttribute('src'), new RegExp(`theme=${expected}`));
      const frameScheme = await page.frameLocator('#framed iframe').locator('html').evaluate((h) => getComputedStyle(h).colorScheme);
      assert.equal(frameScheme, expected);
      const mountedText = await levelIn(page.locator('#mounted')).evaluate((el) => getComputedStyle(el).color);
      const [r, g, b] = mountedText.match(/\d+/g).map(Number);
      const light = (r + g + b) / 3 > 128;
      assert.equal(light, expected === 'dark', `text ${mountedText} on a ${expected} calculator`);
      await page.close();
    });
  }
});

describe('embeds do not move the blog', () => {
  for (const width of [390, 720]) {
    test(`a post built from the Embed dialog's snippets, ${width} px wide: CLS ≤ 0.1`, async () => {
      const { iframe, mount } = await snippets('?generality=4&novelty=2', slow);
      const path = `/post-${width}.html`;
      pages[path] = `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Post</title>
        <script>
          window.shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) window.shifts.push({ value: e.value, time: e.startTime });
          }).observe({ type: 'layout-shift', buffered: true });
        </script>
        <style>body { font: 18px/1.7 Georgia, serif; max-width: 44rem; margin: 0 auto; padding: 1rem; background: #fdfaf3 }</style>
        </head><body><article><h1>How much evidence?</h1>${PROSE.repeat(2)}${iframe}${PROSE.repeat(3)}${mount}${PROSE.repeat(3)}</article></body></html>`;
      const page = await browser.newPage({ viewport: { width, height: 844 } });
      await page.goto(blog(path), { waitUntil: 'domcontentloaded' });
      // Read the post as a reader would, from the first moment, while both
      // calculators load; at least twice, and until both are on screen.
      const loaded = () =>
        page.evaluate(() => {
          const frame = document.querySelector('[data-evidence-ladder] iframe');
          const mounted = document.querySelector('#evidence-ladder [data-evidence-ladder-mount]');
          return frame?.dataset.sized !== undefined && Boolean(mounted?.shadowRoot.querySelector('[role=status]'));
        });
      const deadline = Date.now() + 30000;
      for (let pass = 0; pass < 2 || !(await loaded()); pass++) {
        assert.ok(Date.now() < deadline, 'both calculators arrive');
        for (let y = 0; y <= (await page.evaluate(() => document.body.scrollHeight)); y += 120) {
          await page.evaluate((top) => window.scrollTo(0, top), y);
          await page.waitForTimeout(80);
        }
      }
      await page.waitForTimeout(500);
      const shifts = await page.evaluate(() => window.shifts);
      // Google's CLS: the largest burst (shifts < 1 s apart, at most 5 s long).
      let cls = 0;
      let burst = 0;
      let start = -Infinity;
      let last = -Infinity;
      for (const { value, time } of shifts) {
        if (time - last > 1000 || time - start > 5000) {
          burst = 0;
          start = time;
        }
        burst += value;
        last = time;
        cls = Math.max(cls, burst);
      }
      const total = shifts.reduce((s, e) => s + e.value, 0);
      console.log(`${width} px: CLS ${cls.toFixed(3)} (all shifts together ${total.toFixed(3)}, ${shifts.length} shifts)`);
      assert.ok(cls <= 0.1, `CLS ${cls.toFixed(3)} at ${width} px`);
      await page.close();
    });
  }
});
