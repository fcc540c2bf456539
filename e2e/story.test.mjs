// One story on the page (issue 33): messages beside their controls, charts
// that read at every width, words that agree, and what screen readers hear.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, start, stop } from './support.mjs';

let server, browser;

before(async () => {
  ({ server, browser } = await start());
});
after(() => stop({ server, browser }));

/** Results for the default ladder: the gain grows with size. */
function csv() {
  const lines = ['params,arm,seed,val_loss'];
  for (const [params, gain] of [[1.2e8, 0.02], [3.5e8, 0.04], [7.5e8, 0.06], [1.3e9, 0.08]]) {
    for (const seed of [1, 2, 3, 4, 5]) {
      const noise = (seed - 3) * 0.003;
      const base = 3.5 - Math.log10(params) * 0.1;
      lines.push(`${params},baseline,${seed},${(base + noise).toFixed(4)}`);
      lines.push(`${params},method,${seed},${(base - gain - noise).toFixed(4)}`);
    }
  }
  return lines.join('\n');
}

describe('messages where the user acts', () => {
  test('a results table chosen in "Open a saved plan…" goes to Results and says so beside the button', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openApp(context, server.url);
    const open = page.locator('.share input[type=file]');
    await open.setInputFiles({ name: 'runs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv()) });
    const note = page.locator('.share .opened');
    await note.getByText(/runs\.csv"? is a table, not a saved plan: it was read as results/).waitFor();
    assert.equal(await note.getAttribute('aria-live'), 'polite');
    await page.locator('.verdict-sentence').waitFor();
    assert.match(await page.getByRole('textbox', { name: 'Paste results' }).inputValue(), /^params,arm,seed,val_loss/);
    // Beside the button: on screen together.
    const [button, message] = [await page.locator('.share label.file').boundingBox(), await note.boundingBox()];
    console.log(`# open message ${Math.round(message.y - button.y)} px below the button`);
    assert.ok(Math.abs(message.y - button.y) < 120, `${button.y} vs ${message.y}`);
    // A refused plan says why in the same place, and nothing appears at the top.
    await open.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"novelty": 99}') });
    await note.getByText(/bad\.json was not opened/).waitFor();
    // (Results say what they read above the Results section, as before.)
    assert.equal(await page.locator('.notices:not(.results-notices)').count(), 0);
    await context.close();
  });
});

describe('what a file or a field says is what happened', () => {
  test('a file that is neither a saved plan nor results says so, and Results are unchanged', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openApp(context, server.url);
    const results = page.getByRole('textbox', { name: 'Paste results' });
    const before = await results.inputValue();
    await page.locator('.share input[type=file]').setInputFiles({
      name: 'garbage.json',
      mimeType: 'application/json',
      buffer: Buffer.from('not json at all {{{'),
    });
    const note = page.locator('.share .opened');
    await note.getByText(/garbage\.json was not opened: it is neither a saved plan nor a table of results\./).waitFor();
    assert.doesNotMatch(await note.textContent(), /read as results/);
    assert.equal(await results.inputValue(), before);
    assert.equal(await page.locator('.results-notices').getByText(/garbage\.json/).count(), 0);
    await context.close();
  });

  test('deep RL on the data axis counts its scales in environment steps', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, `${server.url}?field=rl&axis=data`);
    for (const key of ['floor', 'top']) {
      const field = await page.locator(`#field-${key}`).evaluate((e) => e.closest('.field').innerText);
      assert.match(field, /environment steps/, field);
      assert.doesNotMatch(field, /token/, field);
    }
    assert.match(await page.locator('#field-floor').evaluate((e) => e.closest('.field').innerText), /default \(1M\)/);
    await page.getByRole('textbox', { name: /^Top model/ }).fill('x');
    await page.getByRole('textbox', { name: /^Top model/ }).blur();
    assert.equal(
      await page.locator('#error-top').textContent(),
      'Top model must be above 0 and at most 1,000T environment steps, such as 10M or 100M.',
    );
    await context.close();
  });
});

describe('a dropped plan', () => {
  test('says what it opened where the user is, not in the Share panel, until dismissed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openApp(context, server.url);
    const plan = await page.evaluate(() => JSON.stringify({ app: 'Evidence Ladder', inputs: { novelty: 4 } }));
    // Dropped on the claim map, far from the Share panel.
    await page.locator('.claim-map').scrollIntoViewIfNeeded();
    await page.evaluate((plan) => {
      const data = new DataTransfer();
      data.items.add(new File([plan], 'my-plan.json', { type: 'application/json' }));
      const target = document.querySelector('.claim-map');
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    }, plan);
    const note = page.locator('.drop-status');
    await note.getByText(/my-plan\.json/).waitFor();
    assert.equal(await note.getAttribute('role'), 'status');
    const box = await note.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 900, `the message at ${box.y}, the view 900 px tall`);
    assert.equal((await page.locator('.share .opened').textContent()).trim(), '');
    await note.getByRole('button', { name: 'Dismiss' }).click();
    await note.waitFor({ state: 'detached' });
    await context.close();
  });
});

describe('charts', () => {
  for (const width of [320, 390, 1024, 1440]) {
    test(`axis titles, round ticks aligned with their marks, markers of 8 px or more, the trend and the prediction (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await openApp(context, server.url);
      await page.getByRole('textbox', { name: 'Paste results' }).fill(csv());
      await page.locator('.chart-figure.gain').waitFor();
      const seen = await page.evaluate(() =>
        [...document.querySelectorAll('.chart-figure')].map((figure) => {
          figure.scrollIntoView();
          const plot = figure.querySelector('.plot').getBoundingClientRect();
          const grid = [...figure.querySelectorAll('.plot line.grid')].map((l) => l.getBoundingClientRect().top);
          const yTicks = [...figure.querySelectorAll('.y-ticks text')].map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent, middle: r.top + r.height / 2, right: r.right };
          });
          const circles = [...figure.querySelectorAll('.plot circle')].map((c) => c.getBoundingClientRect());
          const xTicks = [...figure.querySelectorAll('.x-ticks text')].map((t) => {
            const r = t.getBoundingClientRect();
            return r.left + r.width / 2;
          });
          // The panel clips what passes its padding box (content-visibility).
          const panel = figure.closest('.panel');
          const panelInner = panel.getBoundingClientRect().right - parseFloat(getComputedStyle(panel).borderRightWidth);
          const labelsRight = Math.max(...[...figure.querySelectorAll('.x-ticks text')].map((t) => t.getBoundingClientRect().right));
          return {
            panelInner,
            labelsRight,
            plotWidth: plot.width,
            plotLeft: plot.left,
            yTitle: figure.querySelector('.y-title').textContent,
            xTitle: figure.querySelector('.x-title').textContent,
            grid,
            yTicks,
            markers: circles.map((r) => Math.min(r.width, r.height)),
            markerCentres: circles.map((r) => r.left + r.width / 2),
            xTicks,
            curve: figure.querySelectorAll('.curve line').length,
            prediction: figure.querySelectorAll('.prediction circle').length,
          };
        }),
      );
      // The metric, the compute multiplier (a loss), and the gain.
      assert.equal(seen.length, 3);
      for (const chart of seen) {
        assert.ok(chart.plotWidth >= 180, `plot ${chart.plotWidth} px wide`);
        assert.ok(chart.labelsRight <= chart.panelInner, `the last size label ends at ${chart.labelsRight}, the panel at ${chart.panelInner}`);
        assert.match(chart.xTitle, /Parameters \(log scale\)/);
        assert.match(chart.yTitle, /val_loss|^Compute multiplier/);
        assert.ok(Math.min(...chart.markers) >= 8, `markers ${chart.markers}`);
        assert.equal(chart.grid.length, chart.yTicks.length);
        chart.yTicks.forEach((t, i) => {
          assert.match(t.text, /^−?\d+(\.\d{1,3})?$/, `tick ${t.text}`);
          assert.ok(Math.abs(t.middle - chart.grid[i]) <= 2, `${t.text} at ${t.middle}, its line at ${chart.grid[i]}`);
          assert.ok(t.right <= chart.plotLeft + 1, `${t.text} overlaps the plot`);
        });
        // Each size label sits under its markers.
        for (const x of chart.xTicks) {
          assert.ok(chart.markerCentres.some((c) => Math.abs(c - x) <= 2), `label at ${x}, markers at ${chart.markerCentres}`);
        }
      }
      assert.ok(seen[2].curve >= 1 && seen[2].prediction === 1, 'the gain chart draws the fit and the prediction');
      assert.match(seen[2].yTitle, /^Gain in val_loss$/);
      assert.ok(seen[1].curve >= 2 && seen[1].prediction >= 1, 'the multiplier chart draws the fit, the 1× line and the predictions');
      // The same numbers in a table, the prediction included.
      assert.equal(await page.locator('table.gains tbody tr').count(), 4);
      await page.locator('table.gains tfoot').getByText(/\(predicted\)/).waitFor();
      await context.close();
    });
  }
});

describe('one story', () => {
  test('the claim map explains why your claim fits while your top model does not', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openApp(context, `${server.url}?top=1.3e9&count=8&hours=336`);
    assert.match(await page.locator('.summary .fit').textContent(), /Your top model does not fit/);
    assert.match(await page.locator('.claim-map td.yours').textContent(), /fits/);
    await page.locator('.claim-vs-top').getByText(/a ladder for this claim fits the budget.*your top model, 1\.3B,/).waitFor();
    await context.close();
  });

  test("the level's tagline follows the kind and words span and spacing apart", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const [query, words, not] of [
      ['?kind=insight', /a test, 3 settings, at least 4 sizes, at least 10× from smallest to largest \(about 2\.2× apart\)/, /seeds/],
      ['?kind=benchmark', /each model evaluated once/, /a test/],
      ['?kind=model', /each model trained once/, /a test/],
    ]) {
      const page = await openApp(context, server.url + query);
      const meaning = await page.locator('.summary .meaning').textContent();
      assert.match(meaning, words, query);
      assert.doesNotMatch(meaning, not, query);
      await page.close();
    }
    await context.close();
  });

  test('narrower claims list every fitting cell one step narrower either way, and choosing one plans it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openApp(context, `${server.url}?generality=4&novelty=4&count=2&hours=168`);
    const expected = await page.evaluate(() => {
      const p = window.evidenceLadder.plan({ generality: 4, novelty: 4, count: 2, hours: 168 });
      return { fits: p.ladder.fits };
    });
    assert.equal(expected.fits, false, 'this budget must leave G4 N4 short for the test to mean anything');
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll('.claim-map button.cell .visually-hidden')].map((s) => s.textContent),
    );
    const fits = (g, n) => cells.some((c) => c.startsWith(`Generality ${g}, novelty ${n}: level`) && / fits/.test(c) && !/does not/.test(c));
    const list = page.locator('.verdict ul.narrower button');
    const texts = await list.allTextContents();
    for (const [g, n] of [[3, 4], [2, 4], [1, 4]]) {
      if (fits(g, n)) {
        assert.ok(texts.some((t) => t.startsWith(`Generality ${g} `) && t.includes(`novelty ${n} `)), `G${g} N${n} fits but is not listed: ${texts}`);
        break;
      }
    }
    for (const [g, n] of [[4, 3], [4, 2], [4, 1]]) {
      if (fits(g, n)) {
        assert.ok(texts.some((t) => t.startsWith(`Generality ${g} `) && t.includes(`novelty ${n} `)), `G${g} N${n} fits but is not listed: ${texts}`);
        break;
      }
    }
    assert.ok(texts.length > 0);
    const first = texts[0].match(/^Generality (\d) .*novelty (\d) /);
    await list.first().click();
    await page.waitForURL(new RegExp(`generality=${first[1]}`));
    assert.equal(await page.getByRole('combobox', { name: /^Novelty/ }).inputValue(), first[2]);
    await context.close();
  });
});

describe('screen readers', () => {
  test('claim-map cells are named in words, and a lookup by the label Generality still finds one control', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    await page.getByRole('gridcell').first().waitFor();
    const names = await page.evaluate(() => [...document.querySelectorAll('.claim-map button.cell')].map((b) => b.textContent));
    // The accessible name: the hidden words (the abbreviations are aria-hidden).
    const spoken = await page.evaluate(() => [...document.querySelectorAll('.claim-map button.cell .visually-hidden')].map((s) => s.textContent));
    assert.ok(names.every((n) => /^L\d/.test(n)), 'the cells still show L3 ✓ fits');
    names.splice(0, names.length, ...spoken);
    assert.equal(names.length, 25);
    for (const name of names) assert.match(name, /^Generality \d, novelty \d: level \d, (fits|does not fit)( \(your claim\))?$/);
    await page.getByRole('button', { name: 'Generality 3, novelty 3: level 3, fits (your claim)' }).waitFor();
    assert.equal(await page.getByLabel('Generality').count(), 1);
    await context.close();
  });

  test('a verdict flipping with the level unchanged is announced, briefly', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, `${server.url}?generality=4&novelty=4&count=1&hours=168`);
    const live = page.locator('.summary [aria-live]:not([role=status])');
    const before = await live.textContent();
    const level = await page.locator('.summary .level').textContent();
    await page.getByRole('textbox', { name: /^Count/ }).fill('1000');
    await page.waitForFunction((b) => document.querySelector('.summary [aria-live]:not([role=status])').textContent !== b, before);
    const after = await live.textContent();
    console.log(`# live verdict: "${before}" → "${after}" (level "${level}")`);
    assert.ok(after.length < 40, after);
    assert.equal(await page.locator('.summary .level').textContent(), level);
    // A results paste announces one sentence, not the charts and the method.
    await page.getByRole('textbox', { name: 'Paste results' }).fill(csv());
    const said = page.locator('.results-analysis .verdict-live');
    await said.locator('.verdict-sentence').waitFor();
    const text = await said.textContent();
    console.log(`# results live region: ${text.length} characters`);
    assert.ok(text.length < 300, `${text.length} characters: ${text}`);
    assert.equal(await page.locator('.results-analysis [aria-live]').count(), 1);
    await context.close();
  });
});
