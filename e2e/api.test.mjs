// window.evidenceLadder.plan() in the real release build: the public contract
// and the product's invariants, checked again where users meet them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, serve } from './support.mjs';

let server, browser, page;
const plan = (inputs) => page.evaluate((i) => window.evidenceLadder.plan(i), inputs);
const planError = (inputs) =>
  page.evaluate((i) => {
    try {
      window.evidenceLadder.plan(i);
      return null;
    } catch (e) {
      return { isError: e instanceof Error, message: e.message };
    }
  }, inputs);

before(async () => {
  server = await serve();
  browser = await launch();
  page = await openApp(await browser.newContext(), server.url);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('plan() contract', () => {
  test('defaults are the essay reference point', async () => {
    const p = await plan({});
    assert.equal(p.evidence.level, 3);
    assert.equal(p.evidence.name, 'Convincing');
    for (const key of ['seeds', 'settings', 'rungs']) assert.equal(typeof p.evidence[key], 'number');
    assert.ok(Math.abs(p.ladder.budget_flops / 2.5879e21 - 1) < 1e-3);
    const params = p.ladder.rungs.map((r) => r.params);
    assert.ok(params[0] >= 1.0e8 && params[0] <= 1.5e8, `bottom ${params[0]}`);
    assert.ok(params.at(-1) >= 1.1e9 && params.at(-1) <= 1.5e9, `top ${params.at(-1)}`);
    assert.equal(p.ladder.fits, true);
    assert.ok(Array.isArray(p.warnings));
    for (const r of p.ladder.rungs) {
      for (const key of ['params', 'tokens', 'flops_per_run', 'hours_per_run', 'runs']) {
        assert.equal(typeof r[key], 'number', key);
      }
      assert.ok(['small', 'medium', 'large'].includes(r.tier));
    }
  });

  test('no argument and null mean the defaults', async () => {
    assert.deepEqual(await page.evaluate(() => window.evidenceLadder.plan()), await plan({}));
    assert.deepEqual(await plan(null), await plan({}));
  });

  test('numeric strings are accepted, as data attributes give them', async () => {
    assert.equal((await plan({ generality: '4', novelty: '4' })).evidence.level, 4);
  });

  test('unknown fields become warnings', async () => {
    const p = await plan({ generalty: 2 });
    assert.ok(p.warnings.some((w) => w.includes('generalty')));
  });
});

describe('plan() errors name the field and its range', () => {
  const cases = [
    [{ generality: 0 }, 'generality', '1 to 5'],
    [{ novelty: 99 }, 'novelty', '1 to 5'],
    [{ novelty: 2.5 }, 'novelty', 'whole number'],
    [{ kind: 'poem' }, 'kind', 'insight'],
    [{ accelerator: 'h1000' }, 'accelerator', 'a100'],
    [{ count: 0 }, 'count', '1 to 1000000'],
    [{ hours: -5 }, 'hours', 'above 0'],
    [{ hours: 'abc' }, 'hours', 'above 0'],
    [{ hours: true }, 'hours', 'boolean'],
    [{ mfu: 1.5 }, 'mfu', 'at most 1'],
    [{ mfu: Number.NaN }, 'mfu', 'above 0'],
    [{ flops: Number.POSITIVE_INFINITY }, 'flops', 'above 0'],
    [{ flops: -1 }, 'flops', 'above 0'],
    [{ price: -2 }, 'price', 'from 0'],
    [{ tokens_per_param: 0 }, 'tokens_per_param', 'from 1'],
    [{ effect: 0 }, 'effect', 'above 0'],
    [{ noise: -1 }, 'noise', 'above 0'],
    [{ alpha: 0.9 }, 'alpha', 'at most 0.5'],
    [{ power: 1 }, 'power', '0.5'],
  ];
  for (const [inputs, field, range] of cases) {
    test(`${JSON.stringify(inputs)} → ${field}`, async () => {
      const err = await planError(inputs);
      assert.ok(err, 'must throw');
      assert.equal(err.isError, true);
      assert.ok(err.message.startsWith(field), err.message);
      assert.ok(err.message.includes(range), err.message);
    });
  }

  test('the first bad field in the order given is the one reported', async () => {
    assert.match((await planError({ novelty: 99, generality: 0 })).message, /^novelty/);
    assert.match((await planError({ generality: 0, novelty: 99 })).message, /^generality/);
  });

  test('a non-object is refused with a clear Error', async () => {
    for (const bad of ['generality=3', 42, [1, 2]]) {
      const err = await planError(bad);
      assert.equal(err?.isError, true);
      assert.match(err.message, /inputs must be an object/);
    }
  });
});

describe('invariants across every claim', () => {
  test('levels, rungs, budget and tiers', async () => {
    const levels = {};
    for (let g = 1; g <= 5; g++) {
      for (let n = 1; n <= 5; n++) {
        for (const budget of [{}, { count: 1, hours: 24 }, { flops: 1e25 }]) {
          const p = await plan({ generality: g, novelty: n, ...budget });
          levels[`${g},${n}`] = p.evidence.level;
          for (const r of p.ladder.rungs) {
            assert.ok(Math.abs(r.tokens - 20 * r.params) <= 1e-6 * r.tokens);
            assert.ok(Math.abs(r.flops_per_run - 6 * r.params * r.tokens) <= 1e-6 * r.flops_per_run);
          }
          assert.ok(p.ladder.planned_flops <= p.ladder.budget_flops);
          const runs = (tier) => p.ladder.rungs.filter((r) => r.tier === tier).reduce((s, r) => s + r.runs, 0);
          const total = runs('small') + runs('medium') + runs('large');
          assert.ok(Math.abs(runs('small') / total - 0.5) < 0.02);
          assert.ok(Math.abs(runs('medium') / total - 0.3) < 0.02);
          assert.ok(Math.abs(runs('large') / total - 0.2) < 0.02);
          assert.equal(runs('large'), 2 * p.evidence.seeds);
        }
      }
    }
    assert.equal(levels['1,1'], 1);
    assert.equal(levels['5,5'], 5);
    for (let g = 1; g <= 5; g++) {
      assert.ok(levels[`${g},5`] >= 4);
      for (let n = 1; n <= 5; n++) {
        if (g < 5) assert.ok(levels[`${g + 1},${n}`] >= levels[`${g},${n}`]);
        if (n < 5) assert.ok(levels[`${g},${n + 1}`] >= levels[`${g},${n}`]);
      }
    }
  });

  test('the top rung grows with the budget, about √1000 for 1000×', async () => {
    let last = 0;
    for (const hours of [1, 10, 100, 720, 7200, 72000, 720000]) {
      const top = (await plan({ hours })).ladder.rungs.at(-1).params;
      assert.ok(top >= last, `hours ${hours}`);
      last = top;
    }
    const base = (await plan({})).ladder.rungs.at(-1).params;
    const big = (await plan({ hours: 720000 })).ladder.rungs.at(-1).params;
    assert.ok(big / base >= 28 && big / base <= 36, `ratio ${big / base}`);
  });

  test('a harder claim never buys a bigger top rung', async () => {
    let last = Infinity;
    for (const [g, n] of [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]) {
      const top = (await plan({ generality: g, novelty: n })).ladder.rungs.at(-1).params;
      assert.ok(top <= last, `(${g},${n})`);
      last = top;
    }
  });

  test('seeds from a power analysis: d = 0.5 needs 64 per arm', async () => {
    const p = await plan({ effect: 0.5, noise: 1 });
    assert.equal(p.evidence.seeds, 64);
  });

  test('a budget that is too small says by how much and what fits', async () => {
    const p = await plan({ generality: 5, novelty: 5, accelerator: 'rtx4090', count: 1, hours: 336 });
    assert.equal(p.ladder.fits, false);
    assert.ok(p.ladder.shortfall > 1);
    assert.ok(p.narrower_claims.length > 0);
    assert.ok(p.narrower_claims.every((c) => c.fits && c.level < 5));
  });
});
