// The plan in stages: the timeline on the page, the checklist in the
// Markdown export, and results for the first stages that get a Go or a Stop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, start, stop } from './support.mjs';

let server, browser, context, page;

before(async () => {
  ({ server, browser } = await start());
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  page = await openApp(context, server.url);
});
after(() => stop({ server, browser }));

/** Losses for every rung below the plan's top (stages 1 to 3) on Chinchilla's fitted law (Hoffmann et al. 2022), the method worth `m`× compute. */
function firstStages(sizes, m) {
  const loss = (n) => 1.69 + 406.4 / n ** 0.34 + 410.7 / (20 * n) ** 0.28;
  const lines = ['params,arm,seed,val_loss'];
  for (const n of sizes.slice(0, -1)) {
    [-2, -1, 0, 1, 2].forEach((w, seed) => {
      lines.push(`${n},method,${seed},${loss(n * Math.sqrt(m)) + 0.006 * w}`);
      lines.push(`${n},baseline,${seed},${loss(n) - 0.003 * w}`);
    });
  }
  return lines.join('\n');
}

describe('stages', () => {
  test('the page shows each stage with its gate, and the verdict power', async () => {
    const section = page.getByRole('region', { name: 'Stages and gates' });
    await section.waitFor();
    const titles = await section.getByRole('heading', { level: 3 }).allTextContents();
    // The default's four middle sizes run in two stages, with a gate between.
    assert.equal(titles.length, 5, titles.join(' | '));
    assert.match(titles[0], /^Stage 1 · Tune at /);
    assert.match(titles[2], /^Stage 3 · Climb the ladder at /);
    assert.match(titles[3], /^Stage 4 · Climb further at /);
    assert.match(titles[4], /^Stage 5 · Headline at /);
    assert.equal(await section.getByText(/^Gate: /).count(), 5);
    await section.getByText(/a method truly worth 1\.5× compute is called “holds” \d+% of the time/).waitFor();
    const plan = await page.evaluate(() => window.evidenceLadder.plan({}));
    assert.equal(plan.stages.length, 5);
    const flops = plan.stages.reduce((sum, s) => sum + s.flops, 0);
    assert.ok(Math.abs(flops - plan.ladder.planned_flops) <= 1e-9 * flops);
    assert.ok(plan.stages.every((s) => typeof s.gate.metric === 'string' && typeof s.gate.rule === 'string' && typeof s.gate.threshold === 'number'));
    assert.ok(plan.power.holds > 0 && plan.power.holds < 1 && plan.power.false_trend < 0.05);
  });

  test('a deep-RL plan powers its verdict in gains over its tasks', async () => {
    const plan = await page.evaluate(() => window.evidenceLadder.plan({ field: 'rl' }));
    assert.equal(plan.power.multiplier, null);
    assert.equal(plan.power.gain, 1);
    assert.ok(plan.power.tasks >= 3, `tasks ${plan.power.tasks}`);
    assert.ok(plan.power.holds > 0 && plan.power.holds < 1 && plan.power.false_trend < 0.05);
    // Its own context: saved inputs must not reach the other tests' tab.
    const own = await browser.newContext();
    const rl = await openApp(own, `${server.url}?field=rl`);
    const section = rl.getByRole('region', { name: 'Stages and gates' });
    await section.getByText(/a method truly 1 seed-to-seed SD better on each of \d+ tasks is called “holds” \d+% of the time/).waitFor();
    await own.close();
  });

  test('the Markdown export lists the stages as a checklist, in order', async () => {
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await page.getByText('Markdown copied to the clipboard.').waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    const stages = md.split('## Stages')[1] ?? '';
    const items = stages.match(/^- \[ \] \*\*Stage \d/gm) ?? [];
    assert.deepEqual(items.map((i) => i.at(-1)), ['1', '2', '3', '4', '5']);
    assert.match(md, /- \[ \] Seeds for the verdict: /);
  });

  for (const [m, verdict] of [[2, /^Go: the results pass the gate of stage 4/], [1, /^Stop or rethink: .* saves \d+% of the budget\./]]) {
    test(`results for the first stages of a ${m}× method get ${m > 1 ? 'a Go' : 'a Stop'}`, async () => {
      const sizes = await page.evaluate(() => window.evidenceLadder.plan({}).ladder.rungs.map((r) => r.params));
      await page.getByRole('textbox', { name: 'Paste results' }).fill(firstStages(sizes, m));
      await page.locator('.next-step').getByText(verdict).waitFor();
    });
  }
});
