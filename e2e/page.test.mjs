// The page as a person uses it: labelled controls, live results, the URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, start, stop } from './support.mjs';

let server, browser, context;

before(async () => {
  ({ server, browser } = await start());
  context = await browser.newContext();
});
after(() => stop({ server, browser }));

const status = (page) => page.getByRole('status').filter({ hasText: 'Evidence level' });

describe('the calculator page', () => {
  test('every control has the accessible name the interface fixes', async () => {
    const page = await openApp(context, server.url);
    for (const name of ['Contribution', 'Generality', 'Novelty', 'Accelerator']) {
      await page.getByRole('combobox', { name: new RegExp(`^${name}`) }).waitFor();
    }
    for (const name of ['Count', 'Hours', 'MFU']) {
      await page.getByRole('textbox', { name: new RegExp(`^${name}`) }).waitFor();
    }
    // A lookup by label (substring, any case) finds exactly one control each.
    for (const name of ['Contribution', 'Generality', 'Novelty', 'Accelerator', 'Count', 'Hours', 'MFU']) {
      assert.equal(await page.getByLabel(name).count(), 1, name);
    }
    assert.equal(await status(page).textContent(), 'Evidence level 3 of 5 — Convincing');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('a change updates the level and the URL, without a reload', async () => {
    const page = await openApp(context, server.url);
    await page.evaluate(() => (window.notReloaded = true));
    await page.getByRole('combobox', { name: /^Novelty/ }).selectOption('5');
    await page.waitForFunction(() => document.querySelector('[role=status]').textContent.includes('level 5'));
    // The address bar follows once the user pauses (about 300 ms).
    await page.waitForURL(/[?&]novelty=5(&|$)/);
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    await page.close();
  });

  test('opening a link restores every field', async () => {
    const page = await openApp(
      context,
      `${server.url}?kind=dataset&generality=5&novelty=5&accelerator=h100&count=64&hours=100&mfu=0.35`,
    );
    assert.equal(await status(page).textContent(), 'Evidence level 5 of 5 — Extraordinary');
    assert.equal(await page.getByRole('combobox', { name: /^Contribution/ }).inputValue(), 'dataset');
    assert.equal(await page.getByRole('combobox', { name: /^Accelerator/ }).inputValue(), 'h100');
    assert.equal(await page.getByRole('textbox', { name: /^Count/ }).inputValue(), '64');
    // Shown in people's units once the page has it: 100 hours.
    assert.equal(await page.getByRole('textbox', { name: /^Hours/ }).inputValue(), '100 h');
    assert.equal(await page.getByRole('textbox', { name: /^MFU/ }).inputValue(), '0.35');
    await page.close();
  });

  test('a rejected link value is explained and the rest still applies', async () => {
    const page = await openApp(context, `${server.url}?novelty=99&generality=1`);
    await page.getByText('novelty=99 ignored: must be a whole number from 1 to 5.').waitFor();
    assert.equal(await page.getByRole('combobox', { name: /^Generality/ }).inputValue(), '1');
    await page.close();
  });

  test('bad input shows a message at the field and keeps the last result', async () => {
    const page = await openApp(context, `${server.url}?hours=100`);
    const before = await page.locator('.ladder table.rungs tbody').textContent();
    const hours = page.getByRole('textbox', { name: /^Hours/ });
    await hours.fill('-3');
    await page.getByText('Hours of wall-clock time must be from 0.01 to 1,000,000 hours').waitFor();
    assert.equal(await hours.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.ladder table.rungs tbody').textContent(), before);
    assert.match(page.url(), /hours=100/);
    await hours.fill('200');
    await page.waitForFunction(() => !document.querySelector('[aria-invalid=true]'));
    await page.waitForURL(/hours=200/);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('the ladder table shows what plan() returns', async () => {
    const combos = [{}, { generality: 1, novelty: 1 }, { generality: 5, novelty: 4, count: 512, accelerator: 'h100' }];
    for (const inputs of combos) {
      const query = new URLSearchParams(inputs).toString();
      // A fresh context: inputs saved by the tests above would fill in what the link leaves out.
      const fresh = await browser.newContext();
      const page = await openApp(fresh, `${server.url}?${query}`);
      const p = await page.evaluate((i) => window.evidenceLadder.plan(i), inputs);
      assert.equal(await status(page).textContent(), `Evidence level ${p.evidence.level} of 5 — ${p.evidence.name}`);
      const rows = await page.locator('.ladder table.rungs tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => c.textContent)),
      );
      assert.equal(rows.length, p.ladder.rungs.length);
      const headings = await page.locator('.ladder table.rungs thead th').allTextContents();
      const runsColumn = headings.findIndex((h) => h === 'Runs' || h === 'Evaluations');
      assert.ok(runsColumn > 0, headings.join(' | '));
      rows.forEach((cells, i) => {
        const tier = p.ladder.rungs[i].tier;
        assert.equal(cells[0].toLowerCase(), tier);
        assert.equal(Number(cells[runsColumn].replaceAll(',', '')), p.ladder.rungs[i].runs);
      });
      const groups = await page.locator('table.experiments tbody tr').count();
      assert.equal(groups, p.experiments.length);
      await fresh.close();
    }
  });

  test('the claim map has one cell per claim and marks yours', async () => {
    const page = await openApp(context, `${server.url}?generality=2&novelty=4`);
    const map = page.getByRole('grid', { name: /Claim map/ });
    assert.equal(await map.locator('tbody td').count(), 25);
    const yours = map.locator('td[aria-current=true]');
    assert.equal(await yours.count(), 1);
    assert.match(await yours.textContent(), /your claim/);
    // Seen as a reader sees it: the map starts below the fold, where the page skips rendering it.
    await yours.scrollIntoViewIfNeeded();
    const row = await yours.evaluate(async (td) => {
      await new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)));
      return td.parentElement.querySelector('th').innerText.trim();
    });
    assert.equal(row, 'Generality 2');
    await page.close();
  });
});

describe('citations of the essay', () => {
  /** Every text on the page that cites the essay, with where its link leads. */
  const citations = (page) =>
    page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const out = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.data.includes('the essay:')) continue;
        const href = n.parentElement.closest('a')?.getAttribute('href') ?? '';
        out.push({ text: n.data, href, target: href.startsWith('#') && document.getElementById(href.slice(1)) !== null });
      }
      return out;
    });
  const inView = (page, id) =>
    page.waitForFunction((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
    }, id);

  test('each links to the principle it names, and Enter shows it', async () => {
    const page = await openApp(context, `${server.url}?kind=negative_result&generality=3&novelty=3`);
    const found = await citations(page);
    // Three input hints, two reasons, the negative result's demands and the reviewer questions.
    assert.ok(found.length >= 7, JSON.stringify(found));
    for (const c of found) assert.ok(c.target, JSON.stringify(c));
    const link = page.locator('.evidence a', { hasText: 'the essay: every reviewer asks whether it scales' }).first();
    await link.focus();
    await page.keyboard.press('Enter');
    await inView(page, 'principle-scaling');
    assert.equal(new URL(page.url()).hash, '#principle-scaling');
    assert.match(await page.locator('#principle-scaling').innerText(), /span of scales/);
    // The inputs and the plan are untouched.
    assert.equal(new URL(page.url()).searchParams.get('kind'), 'negative_result');
    assert.match(await page.locator('.summary').innerText(), /Evidence level/);
    await page.close();
  });

  test('a link from elsewhere to a principle lands on it once the plan is drawn', async () => {
    // The browser looks for #principle-scaling while the page loads, before
    // the calculator has drawn it; the app scrolls there itself.
    const page = await openApp(context, `${server.url}?novelty=4#principle-scaling`);
    await inView(page, 'principle-scaling');
    assert.equal(new URL(page.url()).hash, '#principle-scaling');
    assert.equal(new URL(page.url()).searchParams.get('novelty'), '4');
    await page.close();
  });

  test('in the compact embed they lead to principles inside the embed', async () => {
    const page = await openApp(context, `${server.url}?embed=1`);
    const found = await citations(page);
    assert.ok(found.length >= 4, JSON.stringify(found));
    for (const c of found) assert.ok(c.target, JSON.stringify(c));
    // From an input hint to a principle inside the closed "more" section: it opens.
    await page.getByText('Change the claim and compute').click();
    await page.locator('.inputs a', { hasText: 'the essay: broader claims need more evidence' }).click();
    await inView(page, 'principle-generality');
    assert.equal(await page.locator('details.more').evaluate((d) => d.open), true);
    await page.close();
  });
});

/** Reads a number as the page writes it: 1.3B, 26B, 2.5e21, 5,500, 34 min, 2.4 days, 78%. */
function readNumber(text) {
  const t = text.trim().replace(/,/g, '');
  const suffix = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
  const m = t.match(/^([\d.]+(?:e[+-]?\d+)?)\s*([KMBT]?)$/);
  if (m) return Number(m[1]) * (suffix[m[2]] ?? 1);
  const d = t.match(/^([\d.]+(?:e[+-]?\d+)?)\s*([KMBT]?) (s|min|h|days|years)$/);
  if (d) return Number(d[1]) * (suffix[d[2]] ?? 1) * { s: 1 / 3600, min: 1 / 60, h: 1, days: 24, years: 24 * 365 }[d[3]];
  throw new Error(`cannot read "${text}"`);
}

/** Deterministic spread of input combinations, edge cases included. */
function combinations(n) {
  const kinds = ['insight', 'negative_result', 'model', 'benchmark', 'dataset', 'codebase'];
  const accelerators = ['a100', 'h100', 'rtx4090', 'tpu-v5e', 'mi300x', 'l4'];
  let seed = 7;
  const next = (k) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % k);
  const out = [];
  for (let i = 0; i < n; i++) {
    const inputs = {
      kind: kinds[next(6)],
      generality: 1 + next(5),
      novelty: 1 + next(5),
      accelerator: accelerators[next(6)],
      count: [1, 2, 8, 64, 512][next(5)],
      hours: [1, 24, 168, 720, 4000][next(5)],
    };
    if (next(3) === 0) inputs.price = [0.5, 2, 12][next(3)];
    if (next(4) === 0) inputs.flops = [1e18, 3e21, 1e25][next(3)];
    if (next(5) === 0) Object.assign(inputs, { effect: 0.5, noise: [0.5, 1, 2][next(3)] });
    out.push(inputs);
  }
  return out;
}

describe('what is shown equals plan()', () => {
  test('across 24 input combinations', async () => {
    const page = await openApp(context, server.url);
    for (const inputs of combinations(24)) {
      await page.goto(`${server.url}?${new URLSearchParams(inputs)}`);
      await status(page).waitFor();
      const p = await page.evaluate((i) => window.evidenceLadder.plan(i), inputs);
      const label = JSON.stringify(inputs);
      assert.equal(await status(page).textContent(), `Evidence level ${p.evidence.level} of 5 — ${p.evidence.name}`, label);
      const fit = page.locator('.summary .fit');
      assert.equal(await fit.evaluate((el) => el.classList.contains('fits')), p.ladder.fits, label);
      if (p.ladder.fits) assert.ok((await fit.textContent()).includes('Fits your budget'), label);

      // Columns by their headings: which ones a plan shows depends on its kind, axis and price.
      const headings = await page.locator('.ladder table.rungs thead th').allTextContents();
      const column = (...names) => headings.findIndex((h) => names.some((n) => h.startsWith(n)));
      const rows = await page.locator('.ladder table.rungs tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => c.textContent)),
      );
      assert.equal(rows.length, p.ladder.rungs.length, label);
      rows.forEach((cells, i) => {
        const r = p.ladder.rungs[i];
        const close = (shown, actual, what) => {
          if (actual === null || actual < 1e-9) return;
          const got = readNumber(shown);
          assert.ok(Math.abs(got / actual - 1) <= 0.05, `${label} rung ${i} ${what}: shown ${shown}, plan ${actual}`);
        };
        assert.equal(cells[0].toLowerCase(), r.tier, label);
        close(cells[1], r.scale, 'scale');
        close(cells[column('FLOPs per', 'FLOPs-equivalent per')], r.flops_per_run, 'flops');
        if (r.hours_per_run >= 0.01) close(cells[column('Accelerator-hours per')], r.hours_per_run, 'hours');
        if (r.wall_clock_hours_per_run >= 1 / 3600) close(cells[column('Wall-clock per')], r.wall_clock_hours_per_run, 'wall clock');
        assert.equal(Number(cells[column('Runs', 'Evaluations')].replaceAll(',', '')), r.runs, label);
        close(cells[column('FLOPs, all runs')], r.flops, 'flops of all runs');
        const share = cells[column('Share of budget')];
        if (share === 'over 100,000%') assert.ok(r.share_of_budget >= 1000, label);
        // Largest-remainder rounding (the rows add up to the total): each row within one point.
        else if (share !== '<1%') assert.ok(Math.abs(Number(share.replace(/[,%]/g, '')) - 100 * r.share_of_budget) < 1, label);
        if (r.cost !== null && r.cost >= 0.01) close(cells[column('Cost')], r.cost, 'cost');
        assert.equal(cells.length, headings.length, label);
      });

      const cells = await page.locator('.claim-map tbody td').evaluateAll((tds) => tds.map((td) => td.textContent));
      cells.forEach((text, i) => {
        const c = p.claim_map[i];
        assert.ok(text.startsWith(`L${c.level} ${c.fits ? '✓ fits' : '✗ short'}`), `${label} cell ${i}: ${text}`);
      });
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

describe('layout', () => {
  for (const width of [320, 360, 768, 1280, 1920]) {
    test(`no horizontal scrolling at ${width} px`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await openApp(ctx, `${server.url}?price=2.5&generality=5&novelty=5&count=1&hours=1`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
      await ctx.close();
    });
  }

  for (const width of [300, 800]) {
    test(`the embed view fits ${width} px without scrolling sideways`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 700 } });
      const page = await openApp(ctx, `${server.url}?embed=1&price=2&generality=5&novelty=5&count=1&hours=1`);
      await page.getByText('Change the claim and compute').click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `embed view is ${overflow}px too wide`);
      await ctx.close();
    });
  }

  test('at phone width the claim map abbreviates and the ladder scrolls with its first column kept', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await openApp(ctx, server.url);
    const widths = await page.locator('.claim-map .long, .claim-map .cell-fit').evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect().width),
    );
    assert.ok(widths.length >= 30 && widths.every((w) => w <= 1), 'long labels are visually hidden');
    assert.equal(await page.locator('.ladder tbody th').first().evaluate((th) => getComputedStyle(th).position), 'sticky');
    await ctx.close();
  });

  test('share buttons sit on one row at desktop width, messages below', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openApp(ctx, server.url);
    const tops = await page.locator('.share button, .share label.button').evaluateAll((bs) =>
      bs.filter((b) => b.getClientRects().length > 0).map((b) => Math.round(b.getBoundingClientRect().top)),
    );
    assert.equal(tops.length, 5);
    assert.equal(new Set(tops).size, 1, `button rows at ${tops}`);
    await ctx.close();
  });

  test('the static shell paints before the wasm runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(server.url);
    assert.equal(await page.locator('h1').textContent(), 'Evidence Ladder');
    await ctx.close();
  });
});

describe('typing', () => {
  const typeInto = async (page, name, text, check) => {
    const field = page.getByRole('textbox', { name });
    await field.click();
    await field.press('Control+A');
    await field.press('Delete');
    for (const key of text) {
      await page.keyboard.type(key);
      await page.waitForTimeout(50);
      await check(field);
    }
    return field;
  };

  test('typed numbers stay as typed, key by key, and the plan and URL use the value', async () => {
    const page = await openApp(context, server.url);
    for (const [name, text, key, value] of [
      [/^Total compute budget/, '2.6e21', 'flops', '2.6e21'],
      [/^Count/, '2.5e2', 'count', '250'],
      [/^Total compute budget/, '1000000000000', 'flops', '1e12'],
    ]) {
      let typed = '';
      const field = await typeInto(page, name, text, async (f) => {
        typed = text.slice(0, typed.length + 1);
        assert.equal(await f.inputValue(), typed, 'the field keeps what was typed');
      });
      await page.waitForURL(new RegExp(`${key}=${value.replace('.', '\\.')}(&|$)`));
      const p = await page.evaluate((q) => window.evidenceLadder.plan(Object.fromEntries(new URLSearchParams(q))), new URL(page.url()).search);
      assert.equal(p.inputs[key], Number(value));
      await field.blur();
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('an invalid field is named by its label at the top, whole, and its old value is not shown as current', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await openApp(ctx, server.url);
    const fit = page.locator('.summary .fit');
    for (const [name, text, says] of [
      [/^Count/, 'a few', 'Not valid: Count;'],
      // Two fields may take more than the summary's two lines; both are named.
      [/^Hours/, '', 'Not valid: Count, Hours of wall-clock time;'],
    ]) {
      const field = page.getByRole('textbox', { name });
      await field.fill(text);
      await page.waitForFunction((s) => document.querySelector('.summary .fit').textContent.includes(s), says);
      if (says === 'Not valid: Count;') {
        const whole = await fit.evaluate((p) => p.scrollHeight <= p.clientHeight + 1);
        assert.ok(whole, `the message is cut off: ${await fit.textContent()}`);
      }
    }
    // The duration beside the Hours shortcuts belongs to the hours typed; none are.
    assert.equal(await page.getByText(/^= \d/).isVisible(), false);
    await ctx.close();
  });

  test('switching the scaling axis clears scales given in the old unit', async () => {
    const page = await openApp(context, `${server.url}?top=1.3e9&floor=2e7`);
    await page.getByRole('combobox', { name: 'Scaling axis' }).selectOption('custom');
    await page.waitForURL((u) => u.searchParams.get('axis') === 'custom');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('top'), null);
    assert.equal(url.searchParams.get('floor'), null);
    assert.equal(await page.getByRole('textbox', { name: /^Top model/ }).inputValue(), '');
    assert.match(await page.locator('.summary .fit').textContent(), /× the smallest run/);
    await page.close();
  });

  for (const width of [390, 1280]) {
    test(`the focused field does not move while typing at ${width} px`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 844 } });
      const page = await openApp(ctx, server.url);
      for (const [name, text] of [[/^Hours/, '500'], [/^Count/, '1024']]) {
        const field = page.getByRole('textbox', { name });
        await field.scrollIntoViewIfNeeded();
        const summary = page.locator('.summary');
        let first = null;
        let height = null;
        await typeInto(page, name, text, async (f) => {
          const box = await f.boundingBox();
          const h = (await summary.boundingBox()).height;
          first ??= box.y;
          height ??= h;
          assert.ok(Math.abs(box.y - first) < 1, `${text}: the field moved from ${first} to ${box.y}`);
          assert.ok(Math.abs(h - height) < 1, `${text}: the summary changed height from ${height} to ${h}`);
        });
        await field.blur();
      }
      await ctx.close();
    });
  }
});

describe('the compact embed', () => {
  // 320 px has no height target; it checks the small ladder fits the narrowest phones.
  for (const [width, most] of [[720, 700], [390, 1000], [320, 1200]]) {
    test(`is at most ${most} px tall at ${width} px for the default inputs`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await openApp(ctx, `${server.url}?embed=1`);
      const height = await page.evaluate(() => document.documentElement.getBoundingClientRect().height);
      assert.ok(height <= most, `${height} px`);
      // The small ladder fits without scrolling sideways.
      const scrolls = await page.locator('.small-ladder .table-scroll').evaluate((el) => el.scrollWidth > el.clientWidth);
      assert.equal(scrolls, false);
      await ctx.close();
    });
  }
});

describe('print', () => {
  test('the default plan prints on at most two A4 pages, with its link, the date and the assumptions', async () => {
    // A fresh context: no inputs saved by earlier tests.
    const ctx = await browser.newContext();
    const page = await openApp(ctx, server.url);
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
    await page.emulateMedia({ media: 'print' });
    const footer = page.locator('.print-footer');
    assert.ok(await footer.isVisible());
    const text = await footer.textContent();
    assert.ok(text.includes(page.url()), 'links back to the plan');
    assert.match(text, /printed \d{4}-\d{2}-\d{2}/);
    assert.match(text, /Kaplan et al\. 2020/);
    await ctx.close();
  });
});
