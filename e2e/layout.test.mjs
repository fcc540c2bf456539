// The answer beside the question (issue 33): the verdict in view while
// editing, tables that fit, numbers in people's units, nothing moving.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, start, stop } from './support.mjs';

let server, browser;

before(async () => {
  ({ server, browser } = await start());
});
after(() => stop({ server, browser }));

/** Where the level and the fits line are in the viewport. */
const summaryBox = (page) =>
  page.evaluate(() => {
    const box = (s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
    };
    return { level: box('.summary .level'), fit: box('.summary .fit'), height: innerHeight };
  });

describe('the verdict stays in view while editing', () => {
  for (const width of [1024, 1280, 1440]) {
    test(`at ${width} × 900`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await openApp(context, server.url);
      for (const [name, text, expect] of [
        [/^Count/, '2', /Evidence level/],
        [/^Hours/, '48', /Evidence level/],
        [/^MFU/, '0.4', /Evidence level/],
        [/^Top model/, '350M', /Evidence level/],
      ]) {
        const field = page.getByRole('textbox', { name });
        await field.click();
        await field.fill(text);
        await page.waitForTimeout(150);
        const seen = await summaryBox(page);
        console.log(`# ${width}px, typing in ${name}: level ${seen.level.top}–${seen.level.bottom}, fits line ${seen.fit.top}–${seen.fit.bottom} of ${seen.height}`);
        for (const part of ['level', 'fit']) {
          assert.ok(seen[part].top >= 0 && seen[part].bottom <= seen.height, `${name} at ${width}: ${part} ${JSON.stringify(seen[part])}`);
        }
        // And the field typed into is not under the summary.
        const fieldBox = await field.boundingBox();
        assert.ok(fieldBox.y >= 0 && fieldBox.y + fieldBox.height <= seen.height, `${name}: field at ${fieldBox.y}`);
        assert.match(await page.locator('.summary .level').textContent(), expect);
      }
      // The stages and the verdict's power too, beside the inputs.
      assert.match(await page.locator('.summary .power-line').textContent(), /stages? with go\/no-go gates; .* “holds” \d+% of the time/);
      // The top rung and the total cost are in the summary.
      await page.getByRole('textbox', { name: /^Price/ }).fill('2.50');
      await page.waitForTimeout(150);
      assert.match(await page.locator('.summary .fit').textContent(), /350M parameters.*[\d,.]+[KM]? USD/);
      await context.close();
    });
  }
});

const KINDS = ['insight', 'negative_result', 'model', 'benchmark', 'dataset', 'codebase'];
const AXES = ['pretrain', 'data', 'finetune', 'custom'];

describe('tables fit', () => {
  test('at 1280 px every column of the ladder and experiments is visible, for every kind and axis, with and without a price', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const widest = { ladder: 0, experiments: 0, room: 0 };
    const queries = [];
    for (const kind of KINDS) {
      for (const axis of AXES) {
        for (const price of ['', '&price=2.50']) queries.push(`?kind=${kind}&axis=${axis}${price}`);
      }
    }
    queries.push('?field=rl&kind=insight&price=2.50', '?field=rl&kind=model&price=2.50', '?kind=benchmark&price=2.50&count=1&accelerator=l4');
    for (const query of queries) {
      await page.goto(server.url + query);
      await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
      const fit = await page.evaluate(() =>
        ['.ladder', '.experiments'].map((s) => {
          const box = document.querySelector(`${s} .table-scroll`);
          box.scrollIntoView();
          return { s, table: box.querySelector('table').scrollWidth, box: box.clientWidth };
        }),
      );
      for (const { s, table, box } of fit) {
        widest[s.slice(1)] = Math.max(widest[s.slice(1)], table);
        widest.room = box;
        assert.ok(table <= box, `${query}: ${s} is ${table} px in ${box} px`);
      }
    }
    console.log(`# 1280px: widest ladder ${widest.ladder} px, experiments ${widest.experiments} px, room ${widest.room} px, over ${queries.length} plans`);
    await context.close();
  });

  test('at 1024 px a wider table scrolls sideways with its first column kept, and the ladder is padded like every panel', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await openApp(context, `${server.url}?kind=model&axis=data&price=2.50`);
    const got = await page.evaluate(() => {
      const box = document.querySelector('.ladder .table-scroll');
      box.scrollIntoView();
      const first = box.querySelector('tbody th');
      const before = first.getBoundingClientRect().left;
      box.scrollLeft = 10_000;
      const last = box.querySelector('tbody tr > :last-child').getBoundingClientRect();
      const edge = box.getBoundingClientRect();
      const padding = [...document.querySelectorAll('.results > .panel')].map((p) => getComputedStyle(p).paddingLeft);
      return {
        scrolls: box.scrollWidth > box.clientWidth,
        kept: Math.abs(first.getBoundingClientRect().left - before) < 1,
        lastVisible: last.right <= edge.right + 1,
        paddings: [...new Set(padding)],
      };
    });
    assert.deepEqual(got, { scrolls: true, kept: true, lastVisible: true, paddings: ['16px'] });
    await context.close();
  });

  test('on a phone the first column stays while the rest scroll, and the total cost is in the summary', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await openApp(context, `${server.url}?kind=benchmark&price=2.50`);
    for (const s of ['.ladder', '.experiments']) {
      const moved = await page.evaluate((s) => {
        const box = document.querySelector(`${s} .table-scroll`);
        box.scrollIntoView();
        const first = box.querySelector('tbody th');
        const before = first.getBoundingClientRect().left;
        box.scrollLeft = 10_000;
        const last = box.querySelector('tbody tr > :last-child').getBoundingClientRect();
        const box2 = box.getBoundingClientRect();
        return {
          scrolls: box.scrollWidth > box.clientWidth,
          kept: Math.abs(first.getBoundingClientRect().left - before) < 1,
          lastVisible: last.right <= box2.right + 1 && last.left >= box2.left,
        };
      }, s);
      assert.deepEqual(moved, { scrolls: true, kept: true, lastVisible: true }, s);
    }
    assert.match(await page.locator('.summary .fit').textContent(), /[\d,.]+[KM]? USD/);
    await context.close();
  });
});

describe('the input column', () => {
  for (const width of [1024, 1280]) {
    test(`every drop-down shows its whole choice, and fields are evenly spaced (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await openApp(context, server.url);
      const cut = [];
      const gaps = [];
      for (const query of ['?axis=pretrain', '?axis=data', '?axis=custom', '?axis=finetune', '?kind=benchmark', '?field=rl']) {
        await page.goto(server.url + query);
        await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
        const seen = await page.evaluate(() => {
          const canvas = document.createElement('canvas').getContext('2d');
          const cut = [];
          for (const select of document.querySelectorAll('.inputs select')) {
            const style = getComputedStyle(select);
            canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            // Room for the text: the box less its padding and the arrow (about 1.25rem).
            const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
            for (const option of select.options) {
              if (canvas.measureText(option.text).width > room) cut.push(`${select.id}: ${option.text}`);
            }
          }
          // What is left blank under each field's last line of text: the
          // room kept for an error longer than the hint.
          const textBottom = (e) => {
            const range = document.createRange();
            range.selectNodeContents(e);
            return Math.max(...[...range.getClientRects()].map((r) => r.bottom));
          };
          const gaps = [...document.querySelectorAll('.inputs .field')].map((field) => {
            const hint = field.querySelector('.messages > .hint, p.hint');
            const bottom = hint ? textBottom(hint) : field.querySelector('select, input').getBoundingClientRect().bottom;
            return [field.querySelector('label').textContent, Math.round(field.getBoundingClientRect().bottom - bottom)];
          });
          return { cut, gaps };
        });
        cut.push(...seen.cut);
        gaps.push(...seen.gaps.map(([label, blank]) => [`${query} ${label}`, blank]));
      }
      const widest = gaps.reduce((a, b) => (b[1] > a[1] ? b : a));
      console.log(`# ${width}px: ${cut.length} options cut; most left blank under a field: ${widest[1]} px (${widest[0]})`);
      assert.deepEqual(cut, []);
      // Less than a line (14 px text, 21 px lines) under any field.
      assert.ok(widest[1] < 12, `${widest[0]}: ${widest[1]} px blank`);
      await context.close();
    });
  }
});

describe("people's units", () => {
  test('a field left shows 1.3B, 86M, 14 days; MFU 40 is 40%; 2.50 USD, 1 month and 6 weeks are read', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openApp(context, server.url);
    const box = (name) => page.getByRole('textbox', { name });
    for (const [name, typed, shown] of [
      [/^Top model/, '1.3e9', '1.3B'],
      [/^Hours/, '14d', '14 days'],
      [/^Hours/, '1 month', '30 days'],
      [/^Hours/, '6 weeks', '42 days'],
      [/^Hours/, '36', '36 h'],
      [/^Price/, '2.50 USD', '2.5'],
    ]) {
      await box(name).fill(typed);
      await box(name).blur();
      assert.equal(await box(name).inputValue(), shown, `${typed}`);
    }
    await page.waitForURL(/[?&]price=2\.5(&|$)/);
    await box(/^MFU/).fill('40');
    await page.getByText('Read as 40%.').waitFor();
    await page.waitForURL(/[?&]mfu=0\.4(&|$)/);
    // A preset fills sizes in people's units.
    await page.goto(`${server.url}?axis=finetune&data_tokens=7.57e10&top=8.6e7`);
    await page.locator('.calculator[data-ready]').waitFor({ state: 'attached' });
    assert.equal(await box(/^Data size/).inputValue(), '75.7B');
    assert.equal(await box(/^Top model/).inputValue(), '86M');
    await context.close();
  });

  test("errors name the field's label with readable limits", async () => {
    const context = await browser.newContext();
    const page = await openApp(context, server.url);
    for (const [name, key, typed, message] of [
      [/^Top model/, 'top', '2000T', 'Top model must be above 0 and at most 1,000T parameters, such as 350M or 1.3B.'],
      [/^Count/, 'count', '8x', 'Count must be a whole number from 1 to 1,000,000.'],
      [/^MFU/, 'mfu', '140%', 'MFU must be from 1% to 100%, such as 0.4 or 40%.'],
      // Its examples are budgets, inside its own range (not 350M or 1.3B, sizes below 1T).
      [/^Total compute/, 'flops', 'banana', 'Total compute budget must be from 1T to 1e30 FLOPs, such as 2.6e21 or 3e23.'],
    ]) {
      await page.getByRole('textbox', { name }).fill(typed);
      await page.getByRole('textbox', { name }).blur();
      assert.equal(await page.locator(`#error-${key}`).textContent(), message);
      await page.getByRole('textbox', { name }).fill({ top: '', flops: '', count: '8' }[key] ?? '0.3');
      await page.getByRole('textbox', { name }).blur();
    }
    await context.close();
  });

  for (const [width, height] of [[390, 844], [1280, 900]]) {
    test(`an error appearing moves nothing: CLS 0 while typing (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await openApp(context, server.url);
      await page.evaluate(() => {
        window.shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            // As CLS counts them: a shift within 500 ms of a key press is the
            // page answering the user, not the page moving under them.
            if (e.hadRecentInput) continue;
            window.shifts.push(e.value);
            window.sources = (window.sources ?? []).concat(e.sources.map((s) => `${s.node?.className ?? s.node?.nodeName} ${JSON.stringify(s.previousRect.y)}→${JSON.stringify(s.currentRect.y)}`));
          }
        }).observe({ type: 'layout-shift' });
      });
      for (const name of [/^Count/, /^Hours/, /^MFU/, /^Top model/, /^Price/]) {
        const field = page.getByRole('textbox', { name });
        await field.click();
        await field.press('Control+A');
        await page.keyboard.type('8x', { delay: 50 });
        // The error shows after a one-second pause.
        await page.waitForTimeout(1300);
        assert.equal(await page.locator('.field.invalid').count(), 1, `${name}`);
        await field.press('Control+A');
        await page.keyboard.type(name.source.includes('MFU') ? '0.3' : name.source.includes('Count') ? '8' : name.source.includes('Hours') ? '720' : '', { delay: 50 });
        if (name.source.includes('Top') || name.source.includes('Price')) await field.press('Delete');
        await page.waitForTimeout(300);
      }
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => window.shifts.reduce((a, b) => a + b, 0));
      console.log(`# CLS while typing errors at ${width}px: ${cls}`, await page.evaluate(() => (window.sources ?? []).slice(0, 8).join('; ')));
      assert.equal(cls, 0);
      await context.close();
    });
  }
});

describe('lists number and mark each item once, beside its first line', () => {
  for (const [width, colorScheme] of [[390, 'light'], [390, 'dark'], [1280, 'light'], [1280, 'dark']]) {
    test(`each stage is numbered once, by its title (${width} px, ${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await openApp(context, server.url);
      await page.locator('.stages').scrollIntoViewIfNeeded();
      const titles = await page.locator('.stages .timeline > li h3').allTextContents();
      assert.ok(titles.length >= 4, titles.join(' | '));
      titles.forEach((t, i) => assert.match(t, new RegExp(`^Stage ${i + 1} · `)));
      // The list's own markers, as the browser draws and announces them: a
      // second number beside "Stage N" (the review saw "2. Stage 1").
      const cdp = await context.newCDPSession(page);
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '.stages .timeline > li' });
      assert.equal(nodeIds.length, titles.length);
      for (const nodeId of nodeIds) {
        const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: true });
        const item = nodes.find((n) => n.role?.value === 'listitem');
        const markers = nodes.filter((n) => n.role?.value === 'ListMarker' && n.parentId === item?.nodeId);
        assert.deepEqual(markers.map((n) => n.name?.value), []);
      }
      await context.close();
    });
  }

  for (const query of ['?generality=4', '?generality=4&embed=1']) {
    test(`a wrapped narrower claim has its bullet beside its first line (390 px, ${query})`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await openApp(context, server.url + query);
      const list = page.locator('.verdict .narrower').first();
      await list.waitFor({ state: 'attached' });
      // In the embed the verdict may sit in a closed <details>.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await list.scrollIntoViewIfNeeded();
      const lines = await list.evaluate((ul) =>
        [...ul.querySelectorAll(':scope > li')].map((li) => {
          // A zero-width probe on the item's own line box: its baseline is the bullet's.
          const probe = document.createElement('span');
          probe.textContent = '\u200b';
          li.prepend(probe);
          const bullet = probe.getBoundingClientRect();
          probe.remove();
          const range = document.createRange();
          range.selectNodeContents(li.querySelector('button'));
          const rects = [...range.getClientRects()];
          return { bullet: bullet.top, first: rects[0].top, last: rects.at(-1).top, lines: new Set(rects.map((r) => Math.round(r.top))).size };
        }),
      );
      assert.ok(lines.some((l) => l.lines > 1), `a claim wraps at 390 px: ${JSON.stringify(lines)}`);
      for (const l of lines) {
        assert.ok(Math.abs(l.bullet - l.first) <= 4, `bullet at ${l.bullet}, first line at ${l.first}, last at ${l.last}`);
      }
      await context.close();
    });
  }
});
