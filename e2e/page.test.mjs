// The page as a person uses it: labelled controls, live results, the URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, serve } from './support.mjs';

let server, browser, context;

before(async () => {
  server = await serve();
  browser = await launch();
  context = await browser.newContext();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

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
    assert.equal(await status(page).textContent(), 'Evidence level 3 of 5 — Convincing');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('a change updates the level and the URL, without a reload', async () => {
    const page = await openApp(context, server.url);
    await page.evaluate(() => (window.notReloaded = true));
    await page.getByRole('combobox', { name: /^Novelty/ }).selectOption('5');
    await page.waitForFunction(() => document.querySelector('[role=status]').textContent.includes('level 4'));
    assert.match(page.url(), /[?&]novelty=5(&|$)/);
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
    assert.equal(await page.getByRole('textbox', { name: /^Hours/ }).inputValue(), '100');
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
    const before = await page.locator('.ladder tbody').textContent();
    const hours = page.getByRole('textbox', { name: /^Hours/ });
    await hours.fill('-3');
    await page.getByText('hours must be a number above 0').waitFor();
    assert.equal(await hours.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('.ladder tbody').textContent(), before);
    assert.match(page.url(), /hours=100/);
    await hours.fill('200');
    await page.waitForFunction(() => !document.querySelector('[aria-invalid=true]'));
    assert.match(page.url(), /hours=200/);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('the ladder table shows what plan() returns', async () => {
    const combos = [{}, { generality: 1, novelty: 1 }, { generality: 5, novelty: 4, count: 512, accelerator: 'h100' }];
    for (const inputs of combos) {
      const query = new URLSearchParams(inputs).toString();
      const page = await openApp(context, `${server.url}?${query}`);
      const p = await page.evaluate((i) => window.evidenceLadder.plan(i), inputs);
      assert.equal(await status(page).textContent(), `Evidence level ${p.evidence.level} of 5 — ${p.evidence.name}`);
      const rows = await page.locator('.ladder tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => c.textContent)),
      );
      assert.equal(rows.length, p.ladder.rungs.length);
      rows.forEach((cells, i) => {
        const tier = p.ladder.rungs[i].tier;
        assert.equal(cells[0].toLowerCase(), tier);
        assert.equal(Number(cells[6]), p.ladder.rungs[i].runs);
      });
      await page.close();
    }
  });

  test('the claim map has one cell per claim and marks yours', async () => {
    const page = await openApp(context, `${server.url}?generality=2&novelty=4`);
    const map = page.getByRole('table', { name: /Claim map/ });
    assert.equal(await map.locator('tbody td').count(), 25);
    const yours = map.locator('td[aria-current=true]');
    assert.equal(await yours.count(), 1);
    assert.match(await yours.textContent(), /your claim/);
    const row = await yours.evaluate((td) => td.parentElement.querySelector('th').textContent);
    assert.equal(row, 'Generality 2');
    await page.close();
  });
});
