// window.evidenceLadder.plan() in the real release build: the public contract
// as scripts meet it (names, types, errors). The product's invariants over
// every claim, kind and axis are property tests of the domain (tests/domain.rs),
// where they run thousands of times faster; here one example of each public field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, start, stop } from './support.mjs';

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
  ({ server, browser } = await start());
  page = await openApp(await browser.newContext(), server.url);
});
after(() => stop({ server, browser }));

describe('plan() contract', () => {
  test('defaults: 8 A100s for 30 days at MFU 0.3, a mid-level insight', async () => {
    const p = await plan({});
    assert.equal(p.evidence.level, 3);
    assert.equal(p.evidence.name, 'Convincing');
    for (const key of ['seeds', 'settings', 'rungs', 'detectable_effect', 'span']) assert.equal(typeof p.evidence[key], 'number');
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

  test("the essay ladder's 1.3B top is what about 7e21 FLOPs buy, from the 20M floor (README)", async () => {
    const params = (await plan({ flops: 7e21, count: 64 })).ladder.rungs.map((r) => r.params);
    assert.equal(params[0], 2e7, `bottom ${params[0]}`);
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
    [{ loss_noise: 11 }, 'loss_noise', 'to 10'],
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

describe('this round\'s public fields', () => {
  test('memory: the cap, each rung\'s need, and rows that add up', async () => {
    // Hours binds a FLOPs total at any value: give enough time that memory binds.
    const p = await plan({ flops: 1e26, hours: 1e6, mfu: 1 });
    // 30B parameters in all, less the embeddings and output layer (N ≈ 29.3B).
    assert.ok(p.ladder.max_params > 29e9 && p.ladder.max_params < 30e9);
    assert.equal(p.ladder.sized_by, 'memory');
    for (const r of p.ladder.rungs) {
      assert.ok(r.params <= p.ladder.max_params);
      assert.equal(typeof r.memory_gb, 'number');
      assert.equal(typeof r.partial_runs, 'number');
      assert.ok(Math.abs(r.runs * r.flops_per_run + r.partial_flops - r.flops) <= 1e-9 * r.flops);
    }
  });

  test('inputs field, tuning, family, eval_tokens and steps_per_second, with the units people type', async () => {
    const benchmark = await plan({ kind: 'benchmark', family: 'pythia', eval_tokens: '2M' });
    assert.equal(benchmark.evidence.detectable_effect, null);
    assert.ok(benchmark.ladder.rungs.every((r) => r.tokens === 2e6));
    const rl = await plan({ field: 'rl', axis: 'data', floor: '1M', steps_per_second: '2,000' });
    assert.equal(rl.inputs.steps_per_second, 2000);
    assert.ok(rl.experiments.find((e) => e.what === 'headline').seeds >= 10);
    const mup = await plan({ tuning: 'mup', top: '1.3B', hours: '14d', mfu: '40%' });
    assert.equal(mup.inputs.hours, 336);
    assert.equal(mup.inputs.mfu, 0.4);
    assert.equal(mup.ladder.rungs.at(-1).params, 1.3e9);
    assert.ok(!mup.experiments.some((e) => e.what === 'headline-tuning'));
  });

  test("the verdict's spread of the loss is loss_noise, never noise (the metric's units)", async () => {
    const metric = await plan({ effect: 0.5, noise: 0.4 });
    assert.equal(metric.power.seed_sd, 0.01);
    assert.ok(metric.power.holds >= 0.75, String(metric.power.holds));
    const loss = await plan({ loss_noise: '0.4' });
    assert.equal(loss.inputs.loss_noise, 0.4);
    assert.equal(loss.power.seed_sd, 0.4);
    assert.ok(loss.power.holds < 0.1, String(loss.power.holds));
  });

  test('a chosen top that does not fit is blamed, not the claim', async () => {
    const p = await plan({ top: 7e9 });
    assert.equal(p.ladder.fits, false);
    assert.equal(p.claim_fits, true);
    assert.equal(p.narrower_claims.length, 0);
    assert.ok(p.largest_top < 7e9);
  });

  test('a budget that is too small says by how much and what fits', async () => {
    const p = await plan({ generality: 5, novelty: 5, count: 1, hours: 72 });
    assert.equal(p.ladder.fits, false);
    assert.equal(p.ladder.short_of, 'compute');
    assert.ok(p.ladder.shortfall > 1);
    assert.ok(p.narrower_claims.length > 0);
    assert.ok(p.narrower_claims.every((c) => c.fits && c.level < 5));
  });
});
