// One bad call never stops the calculator: plan() and analyze() refuse
// cyclic, too deep, too large and unreadable values with an Error that says
// where and why, and thousands of such calls leave the page working.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FROZEN_MS, openApp, start, stop } from './support.mjs';

let server, browser, page;

before(async () => {
  ({ server, browser } = await start());
  page = await openApp(await browser.newContext(), server.url);
});
after(() => stop({ server, browser }));

/** The message each call throws (or "returned"), run in the page. */
const messages = (fn) =>
  page.evaluate(`(() => {
    const api = window.evidenceLadder;
    const out = [];
    const attempt = (call) => {
      try {
        call();
        out.push('returned');
      } catch (e) {
        out.push(e instanceof Error ? e.message : 'not an Error: ' + String(e));
      }
    };
    (${fn})(api, attempt);
    return out;
  })()`);

const rows = (n) => Array.from({ length: n }, (_, i) => ({ params: 1e8 * (1 + (i % 4)), arm: Math.floor(i / 4) % 2 ? 'method' : 'baseline', seed: String(i), value: 50 + (i % 7) }));

describe('hostile values are refused before they are read', () => {
  test('each refusal names the problem and where, once, in plain words', async () => {
    const got = await messages(`(api, attempt) => {
      const cyclic = { generality: 3 };
      cyclic.self = cyclic;
      let deep = 1;
      for (let i = 0; i < 100000; i++) deep = [deep];
      const throwing = { get generality() { throw new Error('boom'); } };
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      attempt(() => api.plan(cyclic));
      attempt(() => api.plan({ nested: deep }));
      attempt(() => api.plan(throwing));
      attempt(() => api.plan(proxy));
      attempt(() => api.plan({ generality: Symbol('x') }));
      attempt(() => api.plan({ list: new Array(2 ** 31) }));
      attempt(() => api.plan({ text: 'x'.repeat(3e6) }));
      const row = { params: 1e8, arm: 'method', seed: '1' };
      row.value = row;
      attempt(() => api.analyze({ results: [row], method: 'method', baseline: 'baseline', higher_is_better: true }));
      attempt(() => api.analyze({ results: [{ params: 1e8, arm: 'method', seed: '1', value: Symbol('x') }], method: 'method', baseline: 'baseline', higher_is_better: true }));
      attempt(() => api.analyze({ results: [{ params: 1e8, arm: 'method', seed: '1', get value() { throw new Error('boom'); } }], method: 'method', baseline: 'baseline', higher_is_better: true }));
      attempt(() => api.analyze({ results: deep }));
    }`);
    const expected = [
      /^plan\(inputs\): inputs\.self contains itself \(a cycle\)/,
      /^plan\(inputs\): inputs\.nested(\[0\])+….* is nested more than 32 levels deep$/,
      /^plan\(inputs\): inputs\.generality cannot be read/,
      /^plan\(inputs\): inputs cannot be read/,
      /^generality must be a whole number from 1 to 5 \(got a symbol\)$/,
      /^plan\(inputs\): inputs holds more than 1,000 values$/,
      /^plan\(inputs\): inputs holds more than 100,000 characters of text$/,
      /^analyze\(input\): input\.results\[0\]\.value contains itself/,
      /^analyze\(input\): results\[0\]\.value must be a number$/,
      /^analyze\(input\): input\.results\[0\]\.value cannot be read/,
      /^analyze\(input\): input\.results(\[0\])+….* is nested more than 32 levels deep$/,
    ];
    assert.equal(got.length, expected.length);
    got.forEach((message, i) => {
      assert.match(message, expected[i]);
      assert.doesNotMatch(message, /Error: |JsValue|invalid type|boom/, message);
    });
  });

  test('plain data within the limits is still read: 19,000 result rows', async () => {
    const got = await page.evaluate((r) => window.evidenceLadder.analyze({ results: r, method: 'method', baseline: 'baseline', higher_is_better: true }).rungs.length, rows(19000));
    assert.equal(got, 4);
  });

  test('10,000 throwing calls, then plan() works and the form responds', async () => {
    const started = Date.now();
    const summary = await page.evaluate(() => {
      const api = window.evidenceLadder;
      let deep = 1;
      for (let i = 0; i < 100000; i++) deep = { d: deep };
      const makers = [
        () => ({ get generality() { throw new Error('getter'); } }),
        () => {
          const o = { novelty: 2 };
          o.me = { back: o };
          return o;
        },
        () => ({ deep }),
        () => new Proxy({}, { ownKeys() { throw new Error('trap'); } }),
        () => ({ generality: 99 }),
      ];
      let thrown = 0;
      let other = 0;
      for (let i = 0; i < 10000; i++) {
        try {
          if (i % 2) api.plan(makers[i % makers.length]());
          else api.analyze({ results: [makers[i % makers.length]()], method: 'a', baseline: 'b', higher_is_better: true });
          other++;
        } catch (e) {
          if (e instanceof Error) thrown++;
          else other++;
        }
      }
      return { thrown, other, level: api.plan({ generality: 5, novelty: 5 }).evidence.level };
    });
    assert.deepEqual(summary, { thrown: 10000, other: 0, level: 5 });
    console.log(`10,000 throwing calls in ${Date.now() - started} ms`);
    // The page's own calculator still responds.
    await page.getByRole('combobox', { name: /^Novelty/ }).selectOption('5');
    await page.getByRole('status').filter({ hasText: 'level 5' }).waitFor({ timeout: 5000 });
    assert.deepEqual(page.errors, []);
  });

  test('throwing setters and getters on the page\'s prototypes break one call at most, never the instance (issue 34)', async () => {
    const summary = await page.evaluate(() => {
      const api = window.evidenceLadder;
      const results = [1e8, 1e9].flatMap((params) => ['method', 'baseline'].flatMap((arm) => [1, 2, 3].map((seed) => ({ params, arm, seed, value: seed + (arm === 'method' ? 1 : 0) }))));
      const analyzeInput = { results, method: 'method', baseline: 'baseline', higher_is_better: true };
      const keys = ['evidence', 'level', 'rungs', 'value', 'verdict', 'gain', '0', 'length_'];
      const trap = () => { throw new Error('trap'); };
      // Descriptors without a prototype: once "value" has a setter on
      // Object.prototype, a plain { set } descriptor would read one too.
      const accessor = () => Object.assign(Object.create(null), { set: trap, configurable: true });
      const install = () => {
        for (const key of keys) Object.defineProperty(Object.prototype, key, accessor());
        Object.defineProperty(Array.prototype, '0', accessor());
      };
      const remove = () => {
        for (const key of keys) delete Object.prototype[key];
        delete Array.prototype['0'];
      };
      let answered = 0;
      let clearErrors = 0;
      let other = [];
      install();
      for (let i = 0; i < 1000; i++) {
        try {
          const out = i % 2 ? api.plan({}) : api.analyze(analyzeInput);
          if (i % 2 ? Object.hasOwn(out, 'evidence') && Object.hasOwn(out.evidence, 'level') : Object.hasOwn(out, 'rungs')) answered++;
          else other.push('an answer without its own fields');
        } catch (e) {
          if (e instanceof Error && e.message !== 'trap' && !/memory access/.test(e.message)) clearErrors++;
          else other.push(String(e && e.message));
        }
      }
      remove();
      let working = 0;
      for (let i = 0; i < 10000; i++) {
        const plan = api.plan({ generality: 1 + (i % 5) });
        if (plan.evidence.level >= 1) working++;
      }
      const analysis = api.analyze(analyzeInput);
      return { answered, clearErrors, other: other.slice(0, 3), working, rungs: analysis.rungs.length };
    });
    // Every call under the traps either answers with its own properties or
    // throws an Error of ours; then 10,000 calls all work.
    assert.deepEqual(summary.other, []);
    assert.equal(summary.answered + summary.clearErrors, 1000);
    assert.equal(summary.working, 10000);
    assert.equal(summary.rungs, 2);
    console.log(`under prototype traps: ${summary.answered} answered, ${summary.clearErrors} clear Errors`);
    await page.getByRole('combobox', { name: /^Novelty/ }).selectOption('3');
    await page.getByRole('status').filter({ hasText: 'Evidence level' }).waitFor({ timeout: 5000 });
    assert.deepEqual(page.errors, []);
  });

  test('plan() with 100,000 keys is refused at once (issue 34)', async () => {
    const { ms, message } = await page.evaluate(() => {
      const inputs = {};
      for (let i = 0; i < 100000; i++) inputs['k' + i] = i;
      const started = performance.now();
      let message = 'returned';
      try {
        window.evidenceLadder.plan(inputs);
      } catch (e) {
        message = e.message;
      }
      return { ms: performance.now() - started, message };
    });
    console.log(`plan() with 100,000 keys refused in ${ms.toFixed(1)} ms`);
    assert.match(message, /^plan\(inputs\): inputs holds more than 1,000 values$/);
    assert.ok(ms < FROZEN_MS, `${ms} ms`);
  });
});
