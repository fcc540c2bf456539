// Every path a new user takes (issue 23): presets and their links, typing
// key by key, the phone layout, the keyboard, and the wording.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, start, stop } from './support.mjs';

let server, browser;

before(async () => {
  ({ server, browser } = await start());
});
after(() => stop({ server, browser }));

/** What the page shows: every control's value, the summary and the ladder. */
const snapshot = (page) =>
  page.evaluate(() => ({
    fields: [...document.querySelectorAll('.inputs-form input[name], .inputs-form select[name]')].map((el) => `${el.name}=${el.value}`),
    summary: document.querySelector('.summary .fit').textContent,
    level: document.querySelector('.summary .level').textContent,
    ladder: document.querySelector('.ladder tbody').textContent,
    invalid: document.querySelectorAll('[aria-invalid=true]').length,
  }));

describe('presets', () => {
  test('each preset, from a fresh page and after another, gives the page its Copy link opens', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openApp(context, server.url);
    const labels = await page.locator('.presets button.chip').evaluateAll((bs) =>
      bs.map((b) => b.textContent.trim()).filter((t) => !/^\d+ (day|week|days|weeks)$/.test(t)),
    );
    assert.ok(labels.length >= 6, labels.join(', '));
    const check = async (label, after) => {
      const shown = await snapshot(page);
      assert.equal(shown.invalid, 0, `${label} after ${after}: a field is invalid`);
      assert.doesNotMatch(shown.summary, /Not valid/, `${label} after ${after}`);
      await page.getByRole('button', { name: 'Copy link' }).click();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(link, page.url(), `${label}: the address bar is the link`);
      const copy = await openApp(context, link);
      assert.deepEqual(await snapshot(copy), shown, `${label} after ${after}: ${link}`);
      await copy.close();
    };
    for (const label of labels) {
      await page.goto(server.url.replace(/\/$/, '/?generality=3'));
      await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
      await page.getByRole('button', { name: label, exact: true }).click();
      await check(label, 'a fresh page');
      const other = labels[(labels.indexOf(label) + 1) % labels.length];
      await page.getByRole('button', { name: other, exact: true }).click();
      await check(other, label);
    }
    await context.close();
  });
});

describe('typing key by key', () => {
  for (const [name, key, text, value] of [
    [/^Total compute budget/, 'flops', '3e21', '3e21'],
    [/^Top model/, 'top', '1.3e9', '1.3e9'],
    [/^Count/, 'count', '1024', '1024'],
  ]) {
    test(`${text}: no error, no "Not valid", no URL change until it is typed`, async () => {
      const context = await browser.newContext();
      const page = await openApp(context, server.url);
      await page.waitForTimeout(400);
      const start = page.url();
      const field = page.getByRole('textbox', { name });
      await field.click();
      await field.press('Control+A');
      await field.press('Delete');
      for (const char of text) {
        await page.keyboard.type(char);
        await page.waitForTimeout(60);
        const seen = await page.evaluate((key) => ({
          error: document.querySelector(`#error-${key}`)?.textContent ?? null,
          summary: document.querySelector('.summary .fit').textContent,
          url: location.href,
        }), key);
        assert.equal(seen.error, null, `after "${char}": ${seen.error}`);
        assert.doesNotMatch(seen.summary, /Not valid/, `after "${char}"`);
        assert.equal(seen.url, start, `after "${char}" the URL changed: ${seen.url}`);
      }
      await page.waitForURL(new RegExp(`[?&]${key}=${value.replace('.', '\\.')}(&|$)`));
      await field.blur();
      assert.equal(await page.locator(`#error-${key}`).count(), 0);
      await context.close();
    });
  }
});

describe('on a phone', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`the sticky summary shows its whole verdict in two lines, the meaning is a tap away, the plan one tap (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme, isMobile: true, hasTouch: true });
      for (const query of ['', '?generality=5&novelty=5&count=1&hours=1', '?axis=custom&base_hours=2']) {
        const page = await openApp(context, server.url + query);
        const fit = page.locator('.summary .fit');
        const lines = await fit.evaluate((p) => {
          const style = getComputedStyle(p);
          return { whole: p.scrollHeight <= p.clientHeight + 1, lines: Math.round(p.getBoundingClientRect().height / parseFloat(style.lineHeight)) };
        });
        assert.ok(lines.whole, `${query}: cut: ${await fit.textContent()}`);
        assert.ok(lines.lines <= 2, `${query}: ${lines.lines} lines: ${await fit.textContent()}`);
        assert.doesNotMatch(await fit.textContent(), /× ×/);
        const meaning = page.locator('.summary .meaning');
        assert.equal(await meaning.isVisible(), false);
        await page.getByText(/^What level \d means$/).tap();
        assert.equal(await meaning.isVisible(), true);
        // The plan is one tap from the top, and its verdict, experiments
        // and results one more.
        const inView = (selector) =>
          page.waitForFunction((s) => {
            const r = document.querySelector(s).getBoundingClientRect();
            return r.top >= 0 && r.top < innerHeight;
          }, selector);
        await page.getByRole('link', { name: 'Skip to the plan' }).tap();
        await inView('#plan');
        for (const [name, selector] of [['Verdict', '.verdict'], ['Experiments', '.experiments']]) {
          await page.evaluate(() => scrollTo(0, 0));
          await page.getByRole('link', { name: 'Skip to the plan' }).tap();
          await page.getByRole('navigation', { name: 'Parts of the plan' }).getByRole('link', { name }).tap();
          await inView(selector);
        }
        // And from the sticky summary, wherever the form is scrolled to.
        await page.evaluate(() => scrollTo(0, 1200));
        await page.getByRole('link', { name: 'Jump to the plan' }).tap();
        await inView('#plan');
        await page.close();
      }
      await context.close();
    });
  }

  test('every table fits its box or scrolls with its first column in view', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await openApp(context, `${server.url}?price=2.5&generality=5&novelty=5`);
    const tables = await page.locator('.table-scroll').evaluateAll((boxes) =>
      boxes
        .filter((b) => b.getClientRects().length > 0)
        .map((b) => {
          const first = b.querySelector('tbody tr > :first-child');
          return {
            name: b.getAttribute('aria-label') ?? b.getAttribute('aria-labelledby'),
            scrolls: b.scrollWidth > b.clientWidth + 1,
            sticky: first ? getComputedStyle(first).position : 'none',
            card: first ? getComputedStyle(first).display === 'block' : false,
          };
        }),
    );
    assert.ok(tables.length >= 3);
    for (const t of tables) {
      assert.ok(!t.scrolls || t.sticky === 'sticky' || t.card, `${t.name} scrolls without a fixed first column`);
    }
    await context.close();
  });
});

describe('by keyboard', () => {
  test('the first Tab stop skips to the plan; Results is a few Tab stops from there', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(first, 'Skip to the plan');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'plan');
    let steps = 0;
    for (; steps < 8; steps++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement.textContent)) === 'Results') break;
    }
    assert.ok(steps < 6, `Results is ${steps + 1} Tab stops from the plan`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const there = await page.evaluate(() => document.activeElement.closest('.results-analysis') !== null);
    assert.ok(there, 'Tab continues inside Results');
    await context.close();
  });

  test('the claim map is one Tab stop, a grid that arrow keys move through', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, `${server.url}?generality=2&novelty=4`);
    const grid = page.getByRole('grid', { name: /Claim map/ });
    assert.equal(await grid.locator('tbody td').count(), 25);
    assert.equal(await grid.locator('[tabindex="0"]').count(), 1);
    await grid.locator('[tabindex="0"]').focus();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.cell), '2-4');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.cell), '4-5');
    await page.keyboard.press('Control+Home');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.cell), '1-1');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: /^Novelty/ }).evaluate((s) => s.value === '5');
    await page.waitForFunction(() => document.querySelector('#field-generality').value === '1' && document.querySelector('#field-novelty').value === '5');
    // One Tab leaves the grid.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('.claim-map table') === null), true);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.cell), '1-5');
    // Each cell's name holds what it shows (WCAG 2.5.3).
    const names = await grid.locator('button').evaluateAll((bs) => bs.map((b) => [b.innerText.replace(/\s+/g, ' ').trim(), b.textContent]));
    for (const [visible, name] of names) {
      for (const word of visible.replace(/[✓✗]/g, '').split(' ').filter(Boolean)) assert.ok(name.includes(word), `${name} / ${visible}`);
    }
    await context.close();
  });
});

describe('wording', () => {
  test('the Markdown says neither "On screen" nor "× ×"; the tables say whose share', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    for (const query of ['', '?axis=custom&base_hours=2']) {
      const page = await openApp(context, server.url + query);
      await page.getByRole('button', { name: 'Copy as Markdown' }).click();
      await page.getByText('Markdown copied to the clipboard.').waitFor();
      const md = await page.evaluate(() => navigator.clipboard.readText());
      assert.doesNotMatch(md, /On screen/);
      assert.doesNotMatch(md, /× ×/);
      const text = await page.locator('.results').innerText();
      assert.doesNotMatch(text, /On screen|× ×/);
      // innerText reads what is rendered: the section is drawn once near the screen.
      await page.locator('table.experiments').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('table.experiments thead').innerText.length > 0);
      assert.match(await page.locator('table.experiments thead').innerText(), /Share of planned FLOPs/);
      await page.close();
    }
    await context.close();
  });
});
