// Results analysis in the release build: window.evidenceLadder.analyze() and
// the Results section (paste, file, template, bad rows, exports, storage).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, start, stop } from './support.mjs';

let server, browser, context, page;
const analyze = (input) => page.evaluate((i) => window.evidenceLadder.analyze(i), input);
const analyzeError = (input) =>
  page.evaluate((i) => {
    try {
      window.evidenceLadder.analyze(i);
      return null;
    } catch (e) {
      return { isError: e instanceof Error, message: e.message };
    }
  }, input);

/**
 * Runs of a method and a baseline at four sizes, five seeds each, with a
 * known gain per size and small deterministic noise.
 */
function runs(gains, { noise = 0.05, sizes = [1.2e8, 3.5e8, 7.5e8, 1.3e9] } = {}) {
  const rows = [];
  const wobble = [-2, -1, 0, 1, 2];
  sizes.forEach((params, i) => {
    wobble.forEach((w, seed) => {
      rows.push({ params, arm: 'method', seed: String(seed), value: 60 + gains[i] + w * noise });
      rows.push({ params, arm: 'baseline', seed: String(seed), value: 60 - w * noise });
    });
  });
  return rows;
}
/** The same runs in wide form: one column per arm, tab-separated. */
function asWide(gains, noise = 0.05, sizes = [1.2e8, 3.5e8, 7.5e8, 1.3e9]) {
  const lines = ['params\tseed\tmethod\tbaseline'];
  sizes.forEach((params, i) => {
    [-2, -1, 0, 1, 2].forEach((w, seed) => lines.push(`${params}\t${seed}\t${60 + gains[i] + w * noise}\t${60 - w * noise}`));
  });
  return lines.join('\n');
}
/** Long form; the metric column's name says higher is better, so nothing is asked. */
const asCsv = (rows, metric = 'accuracy') =>
  [`params,arm,seed,${metric}`, ...rows.map((r) => `${r.params},${r.arm},${r.seed},${r.value}`)].join('\n');

before(async () => {
  ({ server, browser } = await start());
  context = await browser.newContext({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await openApp(context, server.url);
});
after(() => stop({ server, browser }));

describe('analyze()', () => {
  test('plain input, read directly, gives what the general walk gives', async () => {
    // A getter that throws once sends the call the general way (the walk,
    // then serde), which reads it again: both ways must agree to the digit.
    const same = await page.evaluate((rows) => {
      const plain = { results: rows, method: 'method', baseline: 'baseline', metric: 'accuracy' };
      let thrown = false;
      const tricky = { ...plain, results: rows.map((r, i) => (i === 3 ? { ...r, get value() { if (!thrown) { thrown = true; throw new Error('once'); } return r.value; } } : r)) };
      const a = JSON.stringify(window.evidenceLadder.analyze(plain));
      const b = JSON.stringify(window.evidenceLadder.analyze(tricky));
      return { thrown, same: a === b, length: a.length };
    }, runs([0.5, 1.0, 1.5, 2.0]).map((r, i) => (i % 7 ? r : { ...r, task: undefined, extra: { nested: [1, 2] } })));
    assert.deepEqual(same, { thrown: true, same: true, length: same.length });
  });

  const cases = [
    ['grows', [0.5, 1.0, 1.5, 2.0], 0.05],
    ['shrinks', [2.0, 1.5, 1.0, 0.5], 0.05],
    ['holds', [1.0, 1.0, 1.0, 1.0], 0.05],
    ['no_gain', [0.1, -0.1, 0.1, -0.1], 2],
  ];
  for (const [verdict, gains, noise] of cases) {
    test(`a data set whose gain ${verdict}`, async () => {
      const a = await analyze({ results: runs(gains, { noise }), method: 'method', baseline: 'baseline', higher_is_better: true });
      assert.equal(a.trend.verdict, verdict);
      assert.equal(a.verdict, verdict);
      assert.equal(a.rungs.length, 4);
      for (const [i, r] of a.rungs.entries()) {
        assert.ok(Math.abs(r.gain - gains[i]) < 1e-9);
        assert.ok(r.ci_low <= r.gain && r.gain <= r.ci_high);
        assert.equal(r.n_method, 5);
      }
      assert.equal(typeof a.next.gain, 'number');
      assert.ok(Array.isArray(a.warnings));
    });
  }

  test('runs over several tasks are aggregated by the interquartile mean', async () => {
    const results = [];
    for (const [i, params] of [1e6, 3.2e6, 1e7].entries()) {
      for (const [task, scale] of [['hopper', 1], ['walker', 10], ['ant', 100], ['cheetah', 3], ['humanoid', 30]]) {
        for (let seed = 1; seed <= 10; seed++) {
          const noise = (seed % 3) * 0.1;
          results.push({ params, arm: 'ppo', seed: String(seed), task, value: scale + 1 + i + noise });
          results.push({ params, arm: 'sac', seed: String(seed), task, value: scale + noise });
        }
      }
    }
    const a = await analyze({ results, method: 'ppo', baseline: 'sac', metric: 'return' });
    // Normalised per task first: each task spans 3.2 (gains up to 3 plus 0.2 of seed noise).
    assert.deepEqual(a.rungs.map((r) => Math.round(r.gain * 1e9) / 1e9), [1, 2, 3].map((g) => Math.round((g / 3.2) * 1e9) / 1e9));
    assert.ok(a.rungs.every((r) => r.multiplier === null && typeof r.multiplier_note === 'string'));
    assert.ok(a.rungs.every((r) => r.ci_low <= r.gain && r.gain <= r.ci_high));
    assert.ok(a.warnings.some((w) => w.includes('interquartile mean')));
  });

  test('a loss on a scaling law: the compute multiplier per rung, its trend and predictions', async () => {
    // Chinchilla's fitted law (Hoffmann et al. 2022); the method is worth 2x compute.
    const loss = (n) => 1.69 + 406.4 / n ** 0.34 + 410.7 / (20 * n) ** 0.28;
    const results = [];
    for (const n of [48e6, 103.4e6, 222.8e6, 480e6]) {
      [-2, -1, 0, 1, 2].forEach((w, seed) => {
        results.push({ params: n, arm: 'ours', seed: String(seed), value: loss(n * Math.SQRT2) + 0.006 * w });
        results.push({ params: n, arm: 'base', seed: String(seed), value: loss(n) - 0.003 * w });
      });
    }
    const a = await analyze({ results, method: 'ours', baseline: 'base', metric: 'val_loss', top_params: 1.3e9 });
    assert.equal(a.verdict, 'holds');
    for (const r of a.rungs) {
      assert.ok(Math.abs(r.multiplier - 2) < 0.15 && r.multiplier_low < 2 && 2 < r.multiplier_high, JSON.stringify(r));
      assert.equal(typeof r.extrapolated, 'boolean');
    }
    assert.ok(a.multiplier_trend.ci_low < 0 && a.multiplier_trend.ci_high > 0);
    assert.deepEqual(a.predictions.map((p) => p.params), [1.3e9, 4.8e9]);
    assert.ok(a.predictions.every((p) => p.pi_low < p.multiplier && p.multiplier < p.pi_high));
  });

  test('the direction may come from the metric name instead of higher_is_better', async () => {
    const rows = runs([1, 1, 1, 1]).map((r) => ({ ...r, value: -r.value }));
    const a = await analyze({ results: rows, method: 'method', baseline: 'baseline', metric: 'val_loss' });
    assert.equal(a.higher_is_better, false);
    assert.equal(a.metric, 'val_loss');
    assert.ok(a.rungs.every((r) => r.gain > 0));
    const err = await analyzeError({ results: rows, method: 'method', baseline: 'baseline', metric: 'value' });
    assert.match(err.message, /higher_is_better is missing/);
  });

  test('a loss: lower is better, and the gain is still positive when the method is better', async () => {
    const rows = runs([1, 1, 1, 1]).map((r) => ({ ...r, value: -r.value }));
    const a = await analyze({ results: rows, method: 'method', baseline: 'baseline', higher_is_better: false });
    assert.ok(a.rungs.every((r) => r.gain > 0));
  });

  const bad = [
    [{ results: runs([1, 1, 1, 1]), method: 'ours', baseline: 'baseline', higher_is_better: true }, /method "ours"/],
    [{ results: [{ params: 1e8, arm: 'method', seed: '1', value: 1 }], method: 'method', baseline: 'baseline', higher_is_better: true }, /baseline/],
    [{ results: [...runs([1, 1, 1, 1]), { params: 1e8, arm: 'method', seed: '9', value: Number.NaN }], method: 'method', baseline: 'baseline', higher_is_better: true }, /results\[40\]\.value/],
    [{ results: [{ params: 1e8, arm: 'method', seed: '1' }], method: 'method', baseline: 'baseline', higher_is_better: true }, /results\[0\]\.value/],
    [{ results: runs([1, 1, 1, 1]).filter((r) => r.params === 1.2e8), method: 'method', baseline: 'baseline', higher_is_better: true }, /two rungs/],
    [42, /input must be an object/],
  ];
  for (const [input, message] of bad) {
    test(`bad input is refused: ${message}`, async () => {
      const err = await analyzeError(input);
      assert.equal(err?.isError, true);
      assert.match(err.message, message);
    });
  }
});

describe('the Results section', () => {
  test('pasting results shows the verdict, the table and the charts', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: /Results/ }).waitFor();
    await page.getByRole('textbox', { name: 'Paste results' }).fill(asCsv(runs([0.5, 1.0, 1.5, 2.0])));
    await page.getByText(/^The gain grows from 120M to 1\.3B/).waitFor();
    assert.equal(await page.locator('table.gains tbody tr').count(), 4);
    assert.equal(await page.locator('.chart-figure').count(), 2);
    // Tab-separated wide form reads the same once the direction is given:
    // a wide table names no metric, so the page asks.
    await page.getByRole('textbox', { name: 'Paste results' }).fill(asWide([2, 1.5, 1, 0.5]));
    await page.getByText(/whether higher or lower values are better to see the verdict/).waitFor();
    await page.getByRole('radio', { name: /Higher values/ }).check();
    await page.getByText(/^The gain shrinks from 120M to 1\.3B/).waitFor();
    assert.doesNotMatch(page.url(), /results|method/);
  });

  test('a loss column reads as lower is better, and the verdict names both arms', async () => {
    const rows = runs([0.05, 0.05, 0.05, 0.05], { noise: 0.002 }).map((r) => ({
      ...r,
      arm: r.arm === 'method' ? 'myopt' : 'adamw',
      value: 3 - (r.value - 60),
    }));
    await page.getByRole('textbox', { name: 'Paste results' }).fill(asCsv(rows, 'val_loss'));
    await page.getByText(/Read from the column name "val_loss": lower is better/).waitFor();
    assert.equal(await page.getByRole('radio', { name: /Lower values/ }).isChecked(), true);
    // Neither arm is called method or baseline: both are asked, never taken by column order.
    await page.getByText(/Choose the method arm, the baseline arm to see the verdict|Choose the method arm and the baseline arm to see the verdict/).waitFor();
    assert.equal(await page.locator('.verdict-sentence').count(), 0);
    await page.getByRole('combobox', { name: 'Method arm' }).selectOption('myopt');
    await page.getByText(/myopt’s val_loss is lower than adamw’s by 0\.05/).waitFor();
  });

  test('an ambiguous metric is asked about before any verdict', async () => {
    await page.getByRole('textbox', { name: 'Paste results' }).fill(asCsv(runs([1, 1, 1, 1]), 'value'));
    await page.getByText(/Choose whether higher or lower values are better to see the verdict/).waitFor();
    assert.equal(await page.locator('.verdict-sentence').count(), 0);
    assert.equal(await page.getByRole('radio', { name: /Higher values/ }).isChecked(), false);
    assert.equal(await page.getByRole('radio', { name: /Lower values/ }).isChecked(), false);
    await page.getByRole('radio', { name: /Lower values/ }).check();
    // Lower is better: the method's higher values make it behind at every size.
    await page.getByText(/^method is behind baseline at every size/).waitFor();
  });

  test('bad rows are listed by line; the rest is used', async () => {
    const text = `${asCsv(runs([1, 1, 1, 1]))}\n1e9,method,7,abc\n-5,baseline,1,60`;
    await page.getByRole('textbox', { name: 'Paste results' }).fill(text);
    const alert = page.locator('.bad-lines');
    await alert.getByText(/^Line 42: /).waitFor();
    await alert.getByText(/^Line 43: /).waitFor();
    await page.getByText(/^The gain holds/).waitFor();
  });

  test('results survive a reload, and go into both exports', async () => {
    await page.getByRole('textbox', { name: 'Paste results' }).fill(asCsv(runs([0.5, 1.0, 1.5, 2.0])));
    await page.getByText(/^The gain grows/).waitFor();
    await page.reload();
    await page.getByText(/^The gain grows/).waitFor();
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByText('Markdown copied to the clipboard.').waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(md, /## Results: does it scale\?/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(file.results.results.length, 40);
    assert.equal(file.results.analysis.trend.verdict, 'grows');
    // Corrupt storage is ignored, not fatal.
    await page.evaluate(() => localStorage.setItem('evidence-ladder.results.v1', '{"text": 5'));
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    assert.deepEqual(page.errors, []);
  });

  test('the template lists every rung, arm and seed of the plan', async () => {
    await page.goto(`${server.url}?generality=1&novelty=1`);
    await page.getByRole('status').waitFor();
    const p = await page.evaluate(() => window.evidenceLadder.plan({ generality: 1, novelty: 1 }));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download results template (CSV)' }).click(),
    ]);
    const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n');
    assert.equal(lines[0], 'params,arm,seed,value');
    assert.equal(lines.length - 1, p.ladder.rungs.length * 2 * p.evidence.seeds_per_configuration);
    assert.ok(lines.slice(1).every((l) => l.endsWith(',')), 'values are empty');
  });

  test('a CSV file dropped on the calculator is read as results', async () => {
    const csv = asCsv(runs([1.0, 1.0, 1.0, 1.0]));
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'ladder.csv', { type: 'text/csv' }));
      const target = document.querySelector('.calculator');
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    }, csv);
    await page.getByText(/^The gain holds/).waitFor();
  });

  test('a file that is not results changes nothing and says why', async () => {
    const before = await page.getByRole('textbox', { name: 'Paste results' }).inputValue();
    await page.locator('.results-analysis input[type=file]').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    });
    await page.getByText(/photo\.png was not read as results, and nothing changed/).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Paste results' }).inputValue(), before);
  });

  test('a CSV file can be chosen', async () => {
    await page.locator('.results-analysis input[type=file]').setInputFiles({
      name: 'results.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(asCsv(runs([2.0, 1.5, 1.0, 0.5]))),
    });
    await page.getByText(/^The gain shrinks/).waitFor();
  });
});
