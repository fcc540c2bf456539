// Results are never lost (issue 24.1, the page's side): a file replaces them
// only if it reads as results, and can be undone; a refused save is said,
// with a download; tabs follow each other and never write an older copy
// over a newer one. Also the deferred address bar (issue 25.1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FROZEN_MS, openApp, start, stop } from './support.mjs';

let server, browser;
const KEY = 'evidence-ladder.results.v1';

before(async () => {
  ({ server, browser } = await start());
});
after(() => stop({ server, browser }));

/** Four rungs, three seeds, a gain of `gain` everywhere. */
const csv = (gain, arms = ['method', 'baseline']) => {
  const lines = ['params,arm,seed,value'];
  for (const params of [1.2e8, 3.5e8, 7.5e8, 1.3e9]) {
    for (const seed of [1, 2, 3]) {
      lines.push(`${params},${arms[0]},${seed},${60 + gain + seed * 0.01}`);
      lines.push(`${params},${arms[1]},${seed},${60 - seed * 0.01}`);
    }
  }
  return lines.join('\n');
};

const area = (page) => page.getByRole('textbox', { name: 'Paste results' });

/** Drops a file named `name` holding `bytes` (a string or byte values) on the calculator. */
const drop = (page, name, bytes, type = '') =>
  page.evaluate(
    ([name, bytes, type]) => {
      const body = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
      const data = new DataTransfer();
      data.items.add(new File([body], name, { type }));
      const target = document.querySelector('.calculator');
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    },
    [name, bytes, type],
  );

describe('results are never lost', () => {
  test('a dropped file that is not results changes nothing and says why', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    await area(page).fill(csv(1));
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    for (const [name, bytes] of [['photo.png', png], ['plan', '{"app":"Evidence Ladder"}'], ['sheet.xlsx', 'PK\u0003\u0004 binary']]) {
      await drop(page, name, bytes);
      await page.getByText(`${name} was not read as results, and nothing changed`, { exact: false }).waitFor();
      assert.equal(await area(page).inputValue(), csv(1), name);
    }
    // Nor is the saved copy touched.
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    await page.waitForFunction((text) => document.querySelector('#results-text')?.value === text, csv(1));
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('results replaced by a dropped file come back with Undo', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    await area(page).fill(csv(1));
    await drop(page, 'other.csv', csv(3), 'text/csv');
    await page.getByText(/^Read 24 runs from other\.csv\. The results it replaced are one Undo away\./).waitFor();
    assert.equal(await area(page).inputValue(), csv(3));
    await page.locator('.results-notices').getByRole('button', { name: 'Undo' }).click();
    await page.getByText('The previous results are back.').waitFor();
    assert.equal(await area(page).inputValue(), csv(1));
    await context.close();
  });

  test('when storage refuses the results, the page says so and offers a download', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript((key) => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k === key) throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, k, v);
      };
    }, KEY);
    const page = await openApp(context, server.url);
    await area(page).fill(csv(1));
    const warning = page.getByText(/These results are not saved in this browser/);
    await warning.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download plan and results (JSON)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'evidence-plan.json');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('two tabs see each other\'s results, and an older copy never overwrites a newer one', async () => {
    const context = await browser.newContext();
    const first = await openApp(context, server.url);
    const second = await openApp(context, server.url);
    await area(first).fill(csv(1));
    // The other tab follows (the storage event).
    await second.waitForFunction((text) => document.querySelector('#results-text')?.value === text, csv(1));
    await second.getByText('Updated with the results saved in another tab.').waitFor();
    await area(second).fill(csv(2));
    await first.waitForFunction((text) => document.querySelector('#results-text')?.value === text, csv(2));
    // A copy another tab saved after this one read its own is never written
    // over (the storage event that would have told this tab is skipped here):
    // this tab's edit is not saved, and the page says so, with Download.
    await first.evaluate((key) => {
      const saved = JSON.parse(localStorage.getItem(key));
      saved.version += 1;
      saved.text = 'newer';
      localStorage.setItem(key, JSON.stringify(saved));
    }, KEY);
    await area(first).fill(csv(4));
    await first.getByText(/These results are not saved in this browser \(another tab saved newer ones since this page read them\)/).waitFor();
    await first.getByRole('button', { name: 'Download plan and results (JSON)' }).waitFor();
    const stored = await first.evaluate((key) => JSON.parse(localStorage.getItem(key)).text, KEY);
    assert.equal(stored, 'newer');
    await context.close();
  });

  test('a saved copy dated in the future (a clock moved back) never makes an edit vanish (issue 34)', async () => {
    for (const savedAt of [Date.now() + 86_400_000, 1e308]) {
      const context = await browser.newContext();
      await context.addInitScript(([key, savedAt, text]) => {
        if (!sessionStorage.getItem('seeded')) {
          sessionStorage.setItem('seeded', '1');
          localStorage.setItem(key, JSON.stringify({ text, method: '', baseline: '', higher_is_better: null, direction_for: '', saved_at: savedAt }));
        }
      }, [KEY, savedAt, csv(1)]);
      const page = await openApp(context, server.url);
      await page.waitForFunction((text) => document.querySelector('#results-text')?.value === text, csv(1));
      await area(page).fill(csv(5));
      await page.waitForTimeout(600);
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
      await page.waitForFunction((text) => document.querySelector('#results-text')?.value === text, csv(5));
      assert.equal(await page.getByText(/not saved/).count(), 0, `saved_at ${savedAt}`);
      assert.deepEqual(page.errors, []);
      await context.close();
    }
  });

  test('results another tab saves replace these with Undo, and choosing an arm keeps Undo', async () => {
    const context = await browser.newContext();
    const first = await openApp(context, server.url);
    const second = await openApp(context, server.url);
    await area(first).fill(csv(1));
    await second.waitForFunction((text) => document.querySelector('#results-text')?.value === text, csv(1));
    await area(second).fill(csv(2, ['ours', 'theirs']));
    await first.getByText('Updated with the results saved in another tab. The results it replaced are one Undo away.').waitFor();
    await first.getByRole('combobox', { name: 'Method arm' }).selectOption('ours');
    await first.locator('.results-notices').getByRole('button', { name: 'Undo' }).click();
    await first.getByText('The previous results are back.').waitFor();
    assert.equal(await area(first).inputValue(), csv(1));
    // Brought back here, so saved again: the other tab follows.
    await second.waitForFunction((text) => document.querySelector('#results-text')?.value === text, csv(1));
    assert.deepEqual([first.errors, second.errors], [[], []]);
    await context.close();
  });
});

describe('bounded work', () => {
  test('a 20 MB drop is refused unread, at once, without blocking the page', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    await area(page).fill(csv(1));
    // The file is made first; only what the page does with it is watched.
    await page.evaluate(() => {
      window.bigFile = new File(['params,arm,seed,value\n' + '1e8,method,1,1\n'.repeat(1_400_000)], 'huge.csv');
      window.longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(window.bigFile);
      const target = document.querySelector('.calculator');
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    });
    await page.getByText('huge.csv was not read', { exact: false }).waitFor();
    const elapsed = Date.now() - started;
    // Let any task still running finish and be reported.
    await page.waitForTimeout(300);
    const longest = await page.evaluate(() => window.longest);
    console.log(`# a 1.4-million-line file refused after ${elapsed} ms; longest task ${longest.toFixed(0)} ms`);
    assert.ok(elapsed < 1000, `refused after ${elapsed} ms`);
    assert.ok(longest < FROZEN_MS, `the longest main-thread task took ${longest} ms`);
    assert.equal(await area(page).inputValue(), csv(1));
    await context.close();
  });
});

describe('the address bar', () => {
  test('a burst of typing writes it once, after a pause; Copy link writes it at once', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    await context.addInitScript(() => {
      window.replaceCalls = 0;
      const replace = history.replaceState.bind(history);
      history.replaceState = (...args) => {
        window.replaceCalls += 1;
        return replace(...args);
      };
    });
    const page = await openApp(context, server.url);
    await page.waitForTimeout(400);
    const before = await page.evaluate(() => window.replaceCalls);
    const hours = page.getByRole('textbox', { name: /^Hours/ });
    await hours.click();
    await hours.press('Control+A');
    await page.keyboard.type('1234', { delay: 30 });
    assert.doesNotMatch(page.url(), /hours=1234/, 'not while typing');
    await page.waitForURL(/hours=1234/);
    assert.equal(await page.evaluate(() => window.replaceCalls) - before, 1, 'one write per burst');
    // Typed and copied at once: the link is the screen's.
    await hours.fill('99');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied to the clipboard.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /hours=99(&|$)/);
    assert.equal(page.url(), copied);
    await context.close();
  });

  test('an edit just before leaving the page is kept for the next visit', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    await page.getByRole('combobox', { name: /^Novelty/ }).selectOption('5');
    // Left at once, before the pause: pagehide writes what is waiting.
    await page.goto(`${server.url}elsewhere`).catch(() => {});
    await page.goto(server.url);
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: /^Novelty/ }).inputValue(), '5');
    await context.close();
  });
});
