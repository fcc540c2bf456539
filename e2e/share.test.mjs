// Plans that travel: the URL, saved inputs, share and export, hostile links.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, start, stop } from './support.mjs';

const SAVED = 'evidence-ladder.inputs.v1';
let server, browser;

before(async () => {
  ({ server, browser } = await start());
});
after(() => stop({ server, browser }));

const level = (page) => page.getByRole('status').filter({ hasText: 'Evidence level' }).textContent();
const novelty = (page) => page.getByRole('combobox', { name: /^Novelty/ });
const generality = (page) => page.getByRole('combobox', { name: /^Generality/ });

describe('the URL and saved inputs', () => {
  test('a reload keeps every input', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    await novelty(page).selectOption('4');
    await page.getByRole('textbox', { name: /^Count/ }).fill('16');
    await page.waitForURL(/count=16/);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    assert.equal(await novelty(page).inputValue(), '4');
    assert.equal(await page.getByRole('textbox', { name: /^Count/ }).inputValue(), '16');
    await context.close();
  });

  test('edits replace the history entry; back and forward restore it', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, `${server.url}?generality=2`);
    const length = await page.evaluate(() => history.length);
    await novelty(page).selectOption('4');
    await novelty(page).selectOption('5');
    await page.waitForURL(/novelty=5/);
    assert.equal(await page.evaluate(() => history.length), length, 'no history spam');
    await page.goto(`${server.url}elsewhere`);
    await page.goBack();
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    assert.equal(await generality(page).inputValue(), '2');
    assert.equal(await novelty(page).inputValue(), '5');
    await page.goForward();
    await page.goBack();
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    assert.equal(await novelty(page).inputValue(), '5');
    await context.close();
  });

  test('a visit without a query restores the last inputs; a query wins', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    await generality(page).selectOption('5');
    await page.waitForURL(/generality=5/);
    await page.goto(server.url);
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    assert.equal(await generality(page).inputValue(), '5');
    await page.waitForURL(/generality=5/); // the URL mirrors the restored inputs
    await page.goto(`${server.url}?novelty=1`);
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
    assert.equal(await generality(page).inputValue(), '3', 'the link wins over what was saved');
    await context.close();
  });

  test('corrupt or old saved data falls back to defaults quietly', async () => {
    for (const [key, value] of [
      [SAVED, '{"not":"a query"'],
      [SAVED, 'novelty=99&<script>alert(1)</script>'],
      ['evidence-ladder.inputs.v0', 'generality=5'],
    ]) {
      const context = await browser.newContext();
      await context.addInitScript(([k, v]) => localStorage.setItem(k, v), [key, value]);
      const page = await openApp(context, server.url);
      assert.equal(await level(page), 'Evidence level 3 of 5 — Convincing', `${key}=${value}`);
      assert.equal(await page.locator('.notices').count(), 0);
      assert.deepEqual(page.errors, []);
      await context.close();
    }
  });

  test('storage that throws does not break the page', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
    });
    const page = await openApp(context, `${server.url}?novelty=2`);
    await novelty(page).selectOption('4');
    await page.waitForURL(/novelty=4/);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('share and export', () => {
  test('copy link puts the page URL on the clipboard and says so', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openApp(context, `${server.url}?generality=4&price=2`);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    await context.close();
  });

  test('copy link without the Clipboard API selects the link instead', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    });
    const page = await openApp(context, `${server.url}?novelty=2`);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('The browser blocked copying.').waitFor();
    const selected = await page.evaluate(() => {
      const area = document.activeElement;
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    assert.equal(selected, page.url());
    await context.close();
  });

  test('copy as Markdown gives the whole plan', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openApp(context, `${server.url}?generality=5&novelty=5&count=1&hours=24`);
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByText('Markdown copied to the clipboard.').waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(md, /\*\*Evidence level 5 of 5 — Extraordinary\.\*\*/);
    assert.match(md, /^- \[ \] /m);
    assert.match(md, /^\| Tier \| Parameters \|/m);
    assert.match(md, /\*\*Does not fit your budget\.\*\*/);
    assert.match(md, /Kaplan et al\. 2020/);
    assert.ok(md.includes(`(${page.url()})`), 'links back to the plan');
    await context.close();
  });

  test('the Markdown lists every experiment plan() pays for, with its runs', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    for (const query of ['kind=negative_result&effect=0.5&noise=1', 'kind=benchmark', 'axis=finetune&generality=4']) {
      const page = await openApp(context, `${server.url}?${query}`);
      await page.getByRole('button', { name: 'Copy as Markdown' }).click();
      await page.getByText('Markdown copied to the clipboard.').waitFor();
      const md = await page.evaluate(() => navigator.clipboard.readText());
      const p = await page.evaluate((q) => window.evidenceLadder.plan(Object.fromEntries(new URLSearchParams(q))), query);
      const rows = md.split('\n').filter((l) => l.startsWith('| ') && / \((small|medium|large)\) \|/.test(l));
      assert.equal(rows.length, p.experiments.length, query);
      p.experiments.forEach((e, i) => {
        assert.ok(rows[i].includes(`| ${e.label} | ${e.runs} |`), `${query}: ${rows[i]}`);
      });
      const shown = await page.locator('table.experiments tbody tr').count();
      assert.equal(shown, p.experiments.length);
      assert.ok(md.includes(`**Evidence level ${p.evidence.level} of 5 — ${p.evidence.name}.**`));
      await page.close();
    }
    await context.close();
  });

  test('download JSON holds the inputs, the plan and the version', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await openApp(context, `${server.url}?kind=benchmark&novelty=4`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'evidence-plan.json');
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.match(file.version, /^\d+\.\d+\.\d+$/);
    assert.equal(file.inputs.kind, 'benchmark');
    const plan = await page.evaluate(() => window.evidenceLadder.plan({ kind: 'benchmark', novelty: 4 }));
    assert.deepEqual(file.plan, plan);
    await context.close();
  });

  test('reset returns to the defaults and a clean URL', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, `${server.url}?generality=5&hours=10`);
    await page.getByRole('button', { name: 'Reset all inputs to the defaults' }).click();
    await page.waitForFunction(() => location.search === '');
    assert.equal(await level(page), 'Evidence level 3 of 5 — Convincing');
    assert.equal(await page.getByRole('textbox', { name: /^Hours/ }).inputValue(), '30 days');
    // Undo brings everything back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForURL(/generality=5/);
    assert.equal(await page.getByRole('textbox', { name: /^Hours/ }).inputValue(), '10 h');
    await context.close();
  });

  test('a downloaded plan opens again; a bad file changes nothing', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await openApp(context, `${server.url}?kind=dataset&novelty=4`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    const saved = await readFile(await download.path(), 'utf8');
    await page.goto(server.url);
    await page.getByRole('status').waitFor();
    const chooser = page.locator('.share input[type=file]');
    await chooser.setInputFiles({ name: 'evidence-plan.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
    await page.getByText(/^Opened evidence-plan\.json: inputs\.$/).waitFor();
    await page.waitForURL(/kind=dataset/);
    assert.match(page.url(), /novelty=4/);
    // A file with a bad value is refused whole.
    const bad = JSON.parse(saved);
    bad.inputs.novelty = 9;
    bad.inputs.generality = 1;
    await chooser.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByText(/bad\.json was not opened: novelty must be a whole number from 1 to 5/).waitFor();
    assert.match(page.url(), /novelty=4/);
    assert.doesNotMatch(page.url(), /generality=1/);
    await chooser.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":') });
    await page.getByText(/notes\.json was not opened: it is not valid JSON/).waitFor();
    await context.close();
  });
});

describe('hostile links are harmless', () => {
  const big = 'x'.repeat(100_000);
  const corpus = [
    ['kind=<script>window.pwned=1</script>', 'kind'],
    ['novelty="><img src=x onerror="window.pwned=1">', 'novelty'],
    ['accelerator=javascript:window.pwned=1', 'accelerator'],
    ['hours=NaN', 'hours'],
    ['mfu=inf', 'mfu'],
    ['flops=1e999', 'flops'],
    ['hours=-0', 'hours'],
    [`price=${big}`, null],
    ['generality=%33&novelty=%2534', 'novelty'],
    ['count=%F0%9F%92%A9', 'count'],
    ['novelty=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E', 'novelty'],
    ['%6Eovelty=5&novelty=1', null],
    ['theme=<b>dark</b>&embed=<i>', null],
    ['onload=alert(1)&__proto__=1&constructor=1', null],
  ];
  for (const [query, rejected] of corpus) {
    test(query.slice(0, 60), async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const dialogs = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        d.dismiss();
      });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e));
      await page.goto(`${server.url}?${query}`);
      await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor();
      assert.equal(await page.evaluate(() => window.pwned), undefined);
      assert.equal(await page.locator('#app script, #app img').count(), 0);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      if (rejected) {
        await page.locator('.notices').getByText(new RegExp(`^${rejected}=.* ignored: must be`)).waitFor();
      }
      await context.close();
    });
  }

  test('repeated keys: the first value wins', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, `${server.url}?novelty=2&novelty=5`);
    assert.equal(await novelty(page).inputValue(), '2');
    await page.getByText('novelty appears more than once; the first value was used.').waitFor();
    await context.close();
  });

  test('one notice per repeated key, however often it repeats', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, `${server.url}?${'novelty=2&'.repeat(200)}`);
    assert.equal(await page.locator('.notices li').filter({ hasText: 'novelty appears more than once' }).count(), 1);
    await context.close();
  });

  test('bidi overrides and zero-width characters in a refused value are shown escaped', async () => {
    const context = await browser.newContext();
    const page = await openApp(context, `${server.url}?kind=abc%E2%80%AEdef&generality=4%E2%80%8B`);
    const notices = await page.locator('.notices').textContent();
    assert.ok(notices.includes('abc<U+202E>def'), notices);
    assert.ok(notices.includes('4<U+200B>'), notices);
    assert.doesNotMatch(notices, /[\u200B\u202E]/);
    await context.close();
  });
});

describe('the embed dialog', () => {
  test('offers both snippets for the current inputs, copyable, and closes with Escape', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openApp(context, `${server.url}?generality=4&tokens_per_param=10`);
    await page.getByRole('button', { name: 'Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this calculator in your blog' });
    await dialog.waitFor();
    const iframeSnippet = await dialog.getByRole('textbox', { name: 'In an iframe that resizes itself' }).inputValue();
    assert.equal(
      iframeSnippet,
      `<script src="${server.url}embed.js" async></script>\n` +
        '<div data-evidence-ladder data-generality="4" data-tokens-per-param="10" style="min-height:clamp(660px,1284px - 115vw,880px)"></div>',
    );
    const mountSnippet = await dialog.getByRole('textbox', { name: /with mount/ }).inputValue();
    assert.match(mountSnippet, /evidenceLadder\.mount\(document\.getElementById\("evidence-ladder"\), \{ generality: 4, tokens_per_param: 10 \}\)/);
    await dialog.getByRole('button', { name: 'Copy snippet' }).first().click();
    await dialog.getByText('Snippet copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), iframeSnippet);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await context.close();
  });

  for (const width of [320, 1280]) {
    test(`at ${width} px shows each snippet whole and keeps Copy on one line`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await openApp(context, `${server.url}?generality=4&novelty=3&kind=dataset&hours=500`);
      await page.getByRole('button', { name: 'Embed' }).click();
      const dialog = page.getByRole('dialog', { name: 'Embed this calculator in your blog' });
      await dialog.waitFor();
      for (const box of await dialog.getByRole('textbox').all()) {
        const { scrollHeight, clientHeight } = await box.evaluate((t) => ({ scrollHeight: t.scrollHeight, clientHeight: t.clientHeight }));
        assert.ok(scrollHeight <= clientHeight + 1, `snippet cut off: ${scrollHeight} > ${clientHeight}`);
      }
      const copy = dialog.getByRole('button', { name: 'Copy snippet' }).last();
      const before = await copy.boundingBox();
      await copy.click();
      await dialog.getByText('Snippet copied to the clipboard.').waitFor();
      const after = await copy.boundingBox();
      assert.equal(after.height, before.height, 'the Copy button wraps once the message shows');
      // Only mount() needs the host's CORS header; the iframe works anywhere.
      const sentences = (await dialog.locator('p').first().innerText()).split(/(?<=\.) /);
      const cors = sentences.filter((s) => s.includes('Access-Control-Allow-Origin'));
      assert.ok(cors.length === 1 && cors[0].includes('mount()') && !cors[0].includes('iframe'), cors.join(' | '));
      await context.close();
    });
  }
});
