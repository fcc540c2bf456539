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
  test('defaults: 8 A100s for 30 days at MFU 0.3, a mid-level insight', async () => {
    const p = await plan({});
    assert.equal(p.evidence.level, 3);
    assert.equal(p.evidence.name, 'Convincing');
    for (const key of ['seeds', 'settings', 'rungs', 'detectable_effect']) assert.equal(typeof p.evidence[key], 'number');
    assert.ok(Math.abs(p.ladder.budget_flops / 1.9409e21 - 1) < 1e-3);
    assert.equal(p.ladder.reserve, 0.2);
    assert.equal(typeof p.min_flops, 'number');
    assert.equal(p.ladder.fits, true);
    assert.ok(Array.isArray(p.warnings));
    for (const r of p.ladder.rungs) {
      for (const key of ['params', 'tokens', 'flops_per_run', 'hours_per_run', 'runs']) {
        assert.equal(typeof r[key], 'number', key);
      }
      assert.ok(['small', 'medium', 'large'].includes(r.tier));
    }
    for (const e of p.experiments) {
      for (const key of ['params', 'arms', 'settings', 'seeds', 'runs', 'flops']) assert.equal(typeof e[key], 'number', key);
      assert.equal(typeof e.what, 'string');
      assert.ok(['small', 'medium', 'large'].includes(e.tier));
    }
  });

  test('the essay ladder, 120M to 1.3B, is what about 4.2e21 FLOPs buy', async () => {
    const params = (await plan({ flops: 4.2e21 })).ladder.rungs.map((r) => r.params);
    assert.ok(params[0] >= 1.0e8 && params[0] <= 1.4e8, `bottom ${params[0]}`);
    assert.ok(params.at(-1) >= 1.2e9 && params.at(-1) <= 1.4e9, `top ${params.at(-1)}`);
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
    [{ hours: -5 }, 'hours', 'from 0.01'],
    [{ hours: 'abc' }, 'hours', 'from 0.01'],
    [{ hours: 1e-300 }, 'hours', 'from 0.01'],
    [{ hours: true }, 'hours', 'boolean'],
    [{ mfu: 1.5 }, 'mfu', 'to 1'],
    [{ mfu: Number.NaN }, 'mfu', 'from 0.01'],
    [{ flops: Number.POSITIVE_INFINITY }, 'flops', 'from 1e12'],
    [{ flops: 5e-324 }, 'flops', 'from 1e12'],
    [{ flops: -1 }, 'flops', 'from 1e12'],
    [{ price: -2 }, 'price', 'from 0'],
    [{ tokens_per_param: 0 }, 'tokens_per_param', 'from 1'],
    [{ effect: 0 }, 'effect', 'from 1e-9'],
    [{ noise: -1 }, 'noise', 'from 1e-9'],
    [{ alpha: 0.9 }, 'alpha', 'to 0.5'],
    [{ alpha: 1e-17 }, 'alpha', 'from 1e-6'],
    [{ reserve: 1 }, 'reserve', 'from 0 to 0.95'],
    [{ axis: 'vision' }, 'axis', 'pretrain'],
    [{ top: 0 }, 'top', 'above 0'],
    [{ currency: 'US$' }, 'currency', 'letters'],
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
          // Totals are the sums of the experiments, and fitting leaves the reserve.
          const sum = p.experiments.reduce((s, e) => s + e.flops, 0);
          assert.ok(Math.abs(sum - p.ladder.planned_flops) <= 1e-9 * sum);
          assert.equal(p.experiments.reduce((s, e) => s + e.runs, 0), p.ladder.runs);
          if (p.ladder.fits) assert.ok(p.ladder.planned_flops <= (1 - p.ladder.reserve) * p.ladder.budget_flops * (1 + 1e-12));
          const headline = p.experiments.find((e) => e.what === 'headline');
          assert.equal(headline.tier, 'large');
          assert.equal(headline.arms, 2);
          assert.equal(headline.seeds, p.evidence.seeds);
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

  test('a harder claim needs at least as much compute, and its own ladder decides', async () => {
    let last = 0;
    for (const [g, n] of [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]) {
      const p = await plan({ generality: g, novelty: n });
      assert.ok(p.min_flops >= last, `(${g},${n})`);
      assert.equal(p.ladder.fits, p.min_flops <= p.ladder.available_flops);
      last = p.min_flops;
    }
  });

  test('each contribution kind gets its own experiments', async () => {
    const kinds = ['insight', 'negative_result', 'model', 'benchmark', 'dataset', 'codebase'];
    const designs = [];
    for (const kind of kinds) {
      const p = await plan({ kind });
      designs.push(JSON.stringify(p.experiments.map((e) => [e.what, e.arms, e.runs])));
    }
    assert.equal(new Set(designs).size, kinds.length);
  });

  test('a scaling axis changes how compute grows', async () => {
    const finetune = await plan({ axis: 'finetune', data_tokens: 1e9 });
    for (const r of finetune.ladder.rungs) {
      assert.equal(r.tokens, 1e9);
      assert.ok(Math.abs(r.flops_per_run - 6 * r.params * 1e9) <= 1e-9 * r.flops_per_run);
    }
    const custom = await plan({ axis: 'custom', base_hours: 2, exponent: 1 });
    assert.equal(custom.ladder.rungs[0].params, null);
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
