// Quality gates on the release build: privacy (no request leaves the origin),
// the CSP, accessibility (axe, keyboard, focus, target sizes).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { openApp, start, stop } from './support.mjs';

let server, browser;
before(async () => {
  ({ server, browser } = await start());
});
after(() => stop({ server, browser }));

/** Counts CSP violations from the first script on. */
const watchCsp = (context) =>
  context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

describe('privacy and the CSP', () => {
  test('no request leaves the origin and nothing violates the CSP, through a whole session', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    await watchCsp(context);
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await openApp(context, server.url);
    await page.getByRole('combobox', { name: /^Novelty/ }).selectOption('5');
    await page.getByRole('button', { name: '256 H100, 30 days' }).click();
    await page.getByRole('textbox', { name: /^Price/ }).fill('2');
    await page.getByText('Advanced: statistics').click();
    await page.getByRole('textbox', { name: /^Effect/ }).fill('0.5');
    await page.getByRole('textbox', { name: /^Noise/ }).fill('1');
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByRole('button', { name: 'Embed' }).click();
    await page.keyboard.press('Escape');
    await page.getByText('How the level, the ladder and the seeds are worked out').click();
    await page.reload();
    await page.getByRole('status').waitFor();
    const foreign = requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('the CSP is in the page and has no unsafe sources', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    for (const part of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "'wasm-unsafe-eval'"]) {
      assert.ok(csp.includes(part), part);
    }
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    // loader.js, pwa.js and the stylesheet (any preload too) carry their integrity ...
    const files = await page.locator('script[src], link[rel=modulepreload], link[rel=preload], link[rel=stylesheet]').evaluateAll((els) =>
      els.map((e) => e.getAttribute('integrity')),
    );
    assert.ok(files.length >= 3 && files.every((i) => i && i.startsWith('sha384-')), 'SRI on every script and the stylesheet');
    // ... and loader.js checks the app's JS and wasm it fetches.
    const fetched = await page.locator('script[data-js][data-wasm]').evaluate((s) => [s.dataset.jsIntegrity, s.dataset.wasmIntegrity]);
    assert.ok(fetched.every((i) => i?.startsWith('sha384-')), 'SRI on the JS and wasm loader.js fetches');
    await context.close();
  });
});

describe('accessibility', () => {
  const views = [
    ['light', '', 'light'],
    ['dark', '', 'dark'],
    ['a plan that does not fit, dark', '?generality=5&novelty=5&count=1&hours=2&price=3&effect=0.5&noise=1', 'dark'],
    ['the embed view', '?embed=1', 'light'],
    ['the embed view, dark theme', '?embed=1&theme=dark', 'light'],
  ];
  for (const [name, query, colorScheme] of views) {
    test(`axe finds nothing: ${name}`, async () => {
      const context = await browser.newContext({ colorScheme });
      const page = await openApp(context, server.url + query);
      // Open what is closed, so axe checks it too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      assert.deepEqual(found, []);
      await context.close();
    });
  }

  test('the whole flow works by keyboard alone, with visible focus', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openApp(context, server.url);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { name: el.id || el.textContent.trim().slice(0, 30), outline: parseFloat(style.outlineWidth), outlineStyle: style.outlineStyle };
      });
    const tabTo = async (predicate, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        assert.ok(f.outline >= 2 && f.outlineStyle !== 'none', `focus on ${f.name} is visible`);
        if (predicate(f)) return f;
      }
      throw new Error('not reachable by Tab');
    };
    await tabTo((f) => f.name === 'field-novelty');
    await page.keyboard.press('ArrowDown');
    await page.getByRole('status').filter({ hasText: 'level 4' }).waitFor();
    await tabTo((f) => f.name === 'field-hours');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('72');
    await page.waitForURL(/hours=72/);
    await tabTo((f) => f.name.startsWith('Reset all inputs'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.search === '');
    await tabTo((f) => f.name === 'Copy link');
    await page.keyboard.press('Enter');
    await page.getByText('Link copied to the clipboard.').waitFor();
    await tabTo((f) => f.name === 'Embed');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await context.close();
  });

  test('every control is at least 24 × 24 px', async () => {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await openApp(context, server.url);
      // A visually hidden file input is operated through its label, so the label is the target.
      const small = await page.locator('button, select, input, textarea, summary, label.button').evaluateAll((els) =>
        els
          .filter((e) => e.getClientRects().length > 0 && !e.classList.contains('visually-hidden'))
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.width < 24 || r.height < 24)
          .map(({ e, r }) => `${e.tagName} ${e.id || e.textContent.trim().slice(0, 20)} ${r.width}×${r.height}`),
      );
      assert.deepEqual(small, [], `at ${width} px`);
      await context.close();
    }
  });
});
