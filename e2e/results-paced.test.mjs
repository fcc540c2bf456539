// Issue 34, items 1 and 2: the heaviest results within README's limits are
// read and analysed in slices, so no main-thread task freezes the page (and
// analyze(), which answers at once, does not either for the most it reads); the last
// reading stays on screen meanwhile; and heavy results saved on the last
// visit make the next visit no slower than a fresh one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FROZEN_MS, openApp, start, stop } from './support.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => stop(env));

/** 90,000 runs: 100 tasks × 50 rungs × 9 seeds × 2 arms, in short lines. */
function tasksText() {
  const lines = ['task,params,arm,seed,val_loss'];
  for (let t = 0; t < 100; t++) {
    for (let size = 1; size <= 50; size++) {
      for (let seed = 0; seed < 9; seed++) {
        const base = 3 + Math.sin(seed * 0.37 + t);
        // One-letter arms, as README's limits allow 90,000 runs in 2 MB.
        lines.push(`t${t},${size}M,m,${seed},${(base - 0.1).toFixed(2)}`);
        lines.push(`t${t},${size}M,b,${seed},${base.toFixed(2)}`);
      }
    }
  }
  return lines.join('\n');
}

/** README's maximum: 100,000 runs over 50 rungs and 20 arms (about 1.7 MB). */
function maxRunsText() {
  const lines = ['params,arm,seed,val_loss'];
  for (let size = 1; size <= 50; size++) {
    for (let arm = 0; arm < 20; arm++) {
      const name = arm === 0 ? 'method' : arm === 1 ? 'baseline' : `a${arm}`;
      for (let seed = 0; seed < 100; seed++) lines.push(`${size}e6,${name},${seed},${(3 - 0.01 * arm + (seed % 7) * 0.01).toFixed(3)}`);
    }
  }
  return lines.join('\n');
}

/** Just under 2 MB of lines that are all commas: every line refused. */
function commasText() {
  return 'params,arm,seed,val_loss\n' + ',,,\n'.repeat(490_000);
}

/** Watches the page's long tasks from before it loads. */
async function watched(context) {
  await context.addInitScript(() => {
    window.longest = 0;
    window.tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.longest = Math.max(window.longest, e.duration);
        window.tasks.push(Math.round(e.duration));
      }
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Pastes `text` into the Results box (a paste event with the text on the clipboard), then runs `then` (e.g. choosing an arm), and waits until it is read. */
async function paste(page, text, done, then = async () => {}) {
  await page.evaluate(() => {
    window.longest = 0;
    window.tasks = [];
  });
  const started = Date.now();
  await page.evaluate((text) => {
    const area = document.getElementById('results-text');
    area.focus();
    const data = new DataTransfer();
    data.setData('text/plain', text);
    area.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }));
  }, text);
  await then();
  await page.waitForFunction(done, null, { timeout: 120_000, polling: 100 });
  // Let a task still running end and be reported.
  await page.waitForTimeout(300);
  const { longest, tasks } = await page.evaluate(() => ({ longest: window.longest, tasks: window.tasks }));
  return { ms: Date.now() - started, longest, tasks };
}

/** Chooses m as the method (so b is the baseline) once the page asks. */
const chooseM = (page) => async () => {
  await page.locator('#results-method').waitFor({ timeout: 60_000 });
  await page.selectOption('#results-method', 'm');
};

const analysed = () => !document.querySelector('.results-busy') && document.querySelector('.verdict-sentence');
const read = () => !document.querySelector('.results-busy') && document.querySelector('.bad-lines');

describe('the heaviest results within the limits, in slices', () => {
  for (const [name, make, done, then] of [
    ['100 tasks × 50 rungs, 90,000 runs', tasksText, analysed, chooseM],
    ["README's maximum, 100,000 runs and 20 arms", maxRunsText, analysed],
    ['2 MB of lines of commas', commasText, read],
  ]) {
    test(`${name}: no main-thread task freezes the page`, async () => {
      const context = await env.browser.newContext();
      await watched(context);
      const page = await openApp(context, env.server.url);
      const text = make();
      const { ms, longest, tasks } = await paste(page, text, done, then?.(page));
      console.log(`# ${name} (${(text.length / 1e6).toFixed(2)} MB): read in ${ms} ms; longest task ${longest.toFixed(0)} ms; long tasks ${JSON.stringify(tasks)}`);
      // Too long for the text box: summed up instead, with a way to clear it.
      await page.getByRole('button', { name: 'Clear the results' }).waitFor();
      assert.ok(longest < FROZEN_MS, `a task took ${longest} ms`);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  }

  test('the last reading stays on screen while a new one is under way', async () => {
    const context = await env.browser.newContext();
    const page = await openApp(context, env.server.url);
    const small = 'params,arm,seed,val_loss\n1e8,method,1,3.0\n1e8,baseline,1,3.2\n1e9,method,1,2.5\n1e9,baseline,1,2.8\n1e10,method,1,2.0\n1e10,baseline,1,2.4';
    await page.getByRole('textbox', { name: 'Paste results' }).fill(small);
    await page.waitForFunction(analysed);
    const before = await page.locator('.verdict-sentence').textContent();
    await page.getByRole('textbox', { name: 'Paste results' }).selectText();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.getElementById('results-text').dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }));
    }, maxRunsText());
    await page.locator('.results-busy').waitFor();
    assert.equal(await page.locator('.verdict-sentence').textContent(), before);
    await page.waitForFunction(analysed, null, { timeout: 120_000 });
    assert.notEqual(await page.locator('.verdict-sentence').textContent(), before);
    // Cleared with a button, and back with Undo.
    await page.getByRole('button', { name: 'Clear the results' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Paste results' }).inputValue(), '');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Clear the results' }).waitFor();
    await context.close();
  });
});

describe('saved results cannot make a visit slower', () => {
  test('heavy results saved on the last visit: the next visit is no slower than a fresh one', async () => {
    const context = await env.browser.newContext();
    await watched(context);
    // A fresh visit, for comparison.
    const fresh = await openApp(context, env.server.url);
    await fresh.waitForTimeout(500);
    const freshLongest = await fresh.evaluate(() => window.longest);
    // The heaviest results, saved as the page saves them.
    await fresh.evaluate((text) => {
      localStorage.setItem('evidence-ladder.results.v1', JSON.stringify({ text, method: 'm', baseline: 'b', higher_is_better: null, direction_for: '', version: 1 }));
    }, tasksText());
    await fresh.close();
    const page = await openApp(context, env.server.url);
    await page.waitForFunction(analysed, null, { timeout: 120_000, polling: 100 });
    await page.waitForTimeout(300);
    const { longest, tasks } = await page.evaluate(() => ({ longest: window.longest, tasks: window.tasks }));
    console.log(`# a visit with 90,000 saved runs over 100 tasks: longest task ${longest.toFixed(0)} ms (a fresh visit: ${freshLongest.toFixed(0)} ms); long tasks ${JSON.stringify(tasks)}`);
    assert.ok(longest < Math.max(FROZEN_MS, freshLongest + 50), `a task took ${longest} ms`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('analyze() answers at once, within the budget', () => {
  // The most the JS API reads (100,000 values: 16,666 rows with a task,
  // 20,000 without), in the shapes that cost most: many tasks at many rungs
  // (the bootstrap's normal limit and fewest resamples), many runs per task
  // (the exact bootstrap's budget), one task (reading and Welch).
  const shapes = [
    ['100 tasks × 50 rungs, 1–2 seeds', 100, 50, (t) => 1 + (t % 3 === 0 ? 1 : 0)],
    ['100 tasks × 8 rungs × 10 seeds', 100, 8, () => 10],
    ['3 tasks × 50 rungs × 55 seeds', 3, 50, () => 55],
    ['one task, 50 rungs × 199 seeds', 1, 50, () => 199],
  ];
  test('the heaviest inputs it reads: no call freezes the page', async () => {
    const context = await env.browser.newContext();
    await watched(context);
    const page = await openApp(context, env.server.url);
    for (const [name, tasks, rungs, seeds] of shapes) {
      const got = await page.evaluate(
        ({ tasks, rungs, seeds }) => {
          const results = [];
          for (let t = 0; t < tasks; t++)
            for (let r = 1; r <= rungs; r++)
              for (let s = 0; s < seeds[t]; s++)
                for (const [arm, shift] of [['m', 0.1], ['b', 0]]) {
                  const row = { params: r * 1e6, arm, seed: s, value: shift + Math.sin(s * 0.37 + t + r) };
                  if (tasks > 1) row.task = `t${t}`;
                  results.push(row);
                }
          const input = { results, method: 'm', baseline: 'b', higher_is_better: true };
          // Called from a task of its own, as a page's script would, so
          // that the long-task observer sees exactly that task.
          return new Promise((done) =>
            setTimeout(() => {
              window.longest = 0;
              const started = performance.now();
              const answer = window.evidenceLadder.analyze(input);
              done({ ms: performance.now() - started, rows: results.length, rungs: answer.rungs.length, verdict: answer.verdict });
            }, 50),
          );
        },
        { tasks, rungs, seeds: Array.from({ length: tasks }, (_, t) => seeds(t)) },
      );
      await page.waitForTimeout(100);
      const longest = await page.evaluate(() => window.longest);
      console.log(`# analyze(), ${name} (${got.rows} rows): ${got.ms.toFixed(0)} ms, longest task ${longest.toFixed(0)} ms`);
      assert.equal(got.rungs, rungs);
      assert.ok(got.verdict, 'a verdict');
      assert.ok(got.ms < FROZEN_MS && longest < FROZEN_MS, `${name}: ${got.ms} ms, a task of ${longest} ms`);
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
