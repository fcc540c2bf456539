// `make bench`, browser half: this tree's release build (dist/) against
// reference builds of earlier releases, in headless Chromium, interleaved so
// that whatever else the machine is doing hits every build alike.
//
//   node scripts/bench-browser.mjs               everything (about 20 minutes)
//   BENCH_RUNS=7 BENCH_LIGHTHOUSE_RUNS=0 node scripts/bench-browser.mjs
//   node scripts/bench-browser.mjs --build-refs  only build the references
//
// References: BENCH_REFS (commits, default the turn-2 release 8dcfe5e and the
// last release 6b250e3), each exported with `git archive` and built once with
// `trunk build --release` into target/bench-ref/<commit>/dist (kept: a second
// `make bench` skips the build). They share one cargo target directory,
// target/bench-ref/cargo, so this tree's target/ (and the size script's view
// of it) is left alone.
//
// What is measured, each at 1× and 4× CPU (CDP Emulation.setCPUThrottlingRate;
// 4× is what Lighthouse's mobile run simulates):
// - navigation → app running: when the wasm defines window.evidenceLadder
//   and has drawn the page (in the same task), or has taken over a
//   prerendered page (`data-ready`, a few tasks later), then the next frame;
//   on a prerendered page the first result comes long before this;
// - navigation → first result: a MutationObserver that the page runs from an
//   init script notes when the level is in the DOM, then the end of the next
//   frame (requestAnimationFrame, then a task); it reports through a CDP
//   binding, so nothing polls the page's main thread while it loads;
// - input change → next frame with the new level, inside the page, one edit
//   every 450 ms (longer than the address bar's quiet period, so a deferred
//   write lands between edits rather than in the next one's frame);
// - per edit, counters that hold still where timings do not (from a trace and
//   CDP Performance.getMetrics, at 1×): elements styled, layout objects laid
//   out, style recalcs, layouts, script time, DOM nodes; and history
//   replaceState / localStorage setItem calls per burst of 10 quick edits
//   (fewer than 10 when Yew folds two edits into one render);
// - Lighthouse mobile and desktop, median of BENCH_LIGHTHOUSE_RUNS (5) runs,
//   with LCP and TBT on their own lines.
// p95 of a handful of runs is close to the worst run: read it as "the slow
// case", not as a precise percentile.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, launch, serve } from '../e2e/support.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const REFS = (process.env.BENCH_REFS ?? '8dcfe5e 6b250e3').split(/[\s,]+/).filter(Boolean);
const REF_NAMES = { '8dcfe5e': 'turn 2', '6b250e3': 'last release' };
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const EDITS = Number(process.env.BENCH_EDITS ?? 8); // timed edits per page load
const EDIT_ROUNDS = Number(process.env.BENCH_EDIT_ROUNDS ?? 5);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
const RATES = [1, 4];

const percentile = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const median = (xs) => percentile(xs, 50);

/** Builds `commit` once into target/bench-ref/<commit>/dist; returns that directory. */
function buildReference(commit) {
  const full = execFileSync('git', ['rev-parse', '--verify', `${commit}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const home = join(ROOT, 'target', 'bench-ref', full.slice(0, 12));
  const dist = join(home, 'dist');
  const stamp = join(home, 'built');
  if (existsSync(stamp) && existsSync(join(dist, 'index.html'))) return dist;
  console.error(`bench: building reference ${commit} into ${dist} (once; several minutes)…`);
  const src = join(home, 'src');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  execFileSync('sh', ['-c', `git -C "${ROOT}" archive "${full}" | tar -x -C "${src}"`], { stdio: 'inherit' });
  execFileSync('trunk', ['build', '--release', '--dist', dist], {
    cwd: src,
    stdio: 'inherit',
    env: {
      ...process.env,
      // This tree's wasm-opt (binaryen 132, as the references pin) and trunk.
      PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}`,
      CARGO_TARGET_DIR: join(ROOT, 'target', 'bench-ref', 'cargo'),
      CARGO_BUILD_JOBS: process.env.CARGO_BUILD_JOBS ?? '1',
    },
  });
  writeFileSync(stamp, `${full}\n`);
  return dist;
}

const builds = [{ name: 'this tree', dist: join(ROOT, 'dist') }];
for (const commit of REFS) builds.push({ name: REF_NAMES[commit] ?? commit, commit, dist: buildReference(commit) });
if (process.argv.includes('--build-refs')) process.exit(0);
if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('no dist/: run `trunk build --release` (make bench does)');

// Runs in the page before its own scripts: notes the first result without
// polling, and counts address-bar and storage writes.
const PAGE_PROBE = () => {
  window.__bench = { replaceState: 0, setItem: 0 };
  const replaceState = History.prototype.replaceState;
  History.prototype.replaceState = function (...args) {
    window.__bench.replaceState++;
    return replaceState.apply(this, args);
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (...args) {
    window.__bench.setItem++;
    return setItem.apply(this, args);
  };
  // The app running: the wasm defines window.evidenceLadder as it starts.
  // A page it renders from scratch is drawn, listeners attached, in that
  // same task. A prerendered page is taken over in later tasks (the plan,
  // then the hydration), and runs once the calculator is marked
  // `data-ready`. The end of the next frame is reported. (A prerendered page
  // shows its level long before this.)
  let api;
  const running = (set) =>
    requestAnimationFrame(() => setTimeout(() => window.__benchRunning?.({ api: set, frame: performance.now() })));
  Object.defineProperty(window, 'evidenceLadder', {
    configurable: true,
    enumerable: true,
    get: () => api,
    set: (value) => {
      if (api === undefined) {
        const set = performance.now();
        const app = document.getElementById('app');
        if (app?.hasAttribute('data-prerendered') && !app.querySelector('.calculator[data-ready]')) {
          const ready = new MutationObserver(() => {
            if (!app.querySelector('.calculator[data-ready]')) return;
            ready.disconnect();
            running(set);
          });
          ready.observe(app, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
        } else {
          running(set);
        }
      }
      api = value;
    },
  });
  const shown = () => document.querySelector('[role=status]')?.textContent.startsWith('Evidence level');
  // Until #app exists the observer watches the (small) parsed document; then
  // only the calculator's subtree.
  const observer = new MutationObserver(() => {
    const app = document.getElementById('app');
    if (app && !observer.app) {
      observer.disconnect();
      observer.app = app;
      observer.observe(app, { childList: true, subtree: true });
    }
    if (!shown()) return;
    observer.disconnect();
    const dom = performance.now();
    requestAnimationFrame(() => setTimeout(() => window.__benchFirstResult?.({ dom, frame: performance.now() })));
  });
  observer.observe(document, { childList: true, subtree: true });
};

/**
 * Opens a build at `rate`× CPU; resolves once the first result is on screen,
 * with `running`, a promise of the times when the app runs (see PAGE_PROBE).
 */
async function open(browser, build, rate) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let firstResult;
  const first = new Promise((ok) => (firstResult = ok));
  await page.exposeBinding('__benchFirstResult', (_, times) => firstResult(times));
  let appRunning;
  const running = new Promise((ok) => (appRunning = ok));
  await page.exposeBinding('__benchRunning', (_, times) => appRunning(times));
  await page.addInitScript(PAGE_PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // Generous: on a loaded machine the first load at 4× CPU can take long.
  await page.goto(build.server.url, { timeout: 120_000 });
  const times = await first;
  return { context, page, cdp, times, running };
}

/**
 * Times `count` edits of the novelty drop-down in the page, each from the
 * change event to the end of the frame that shows the new level. Alternates
 * between the first and last option, which always give different levels.
 */
const timeEdits = (count) =>
  new Promise((done) => {
    const select = document.getElementById('field-novelty');
    const status = document.querySelector('[role=status]');
    const values = [select.options[select.options.length - 1].value, select.options[0].value];
    const out = [];
    const next = (i) => {
      if (i === count) return done(out);
      const before = status.textContent;
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (status.textContent === before) return;
        observer.disconnect();
        requestAnimationFrame(() =>
          setTimeout(() => {
            out.push(performance.now() - start);
            setTimeout(() => next(i + 1), 450);
          }),
        );
      });
      observer.observe(status, { childList: true, subtree: true, characterData: true });
      select.value = values[i % 2];
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    };
    next(0);
  });

/** A burst of `count` edits 30 ms apart, as fast typing gives; resolves when all is quiet again. */
const burst = (count) =>
  new Promise((done) => {
    const select = document.getElementById('field-novelty');
    const values = [select.options[select.options.length - 1].value, select.options[0].value];
    const before = { ...window.__bench };
    let i = 0;
    const timer = setInterval(() => {
      select.value = values[i % 2];
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      if (++i === count) {
        clearInterval(timer);
        // Longer than any quiet period the app waits before writing.
        setTimeout(
          () =>
            done({
              replaceState: window.__bench.replaceState - before.replaceState,
              setItem: window.__bench.setItem - before.setItem,
            }),
          1500,
        );
      }
    }, 30);
  });

const samples = new Map(); // `${metric}|${build}` → numbers
const add = (metric, build, value) => {
  const key = `${metric}|${build.name}`;
  if (!samples.has(key)) samples.set(key, []);
  samples.get(key).push(value);
};
/** Build order for round `i`: rotated, so no build always goes first. */
const rotated = (i) => builds.map((_, j) => builds[(i + j) % builds.length]);

for (const build of builds) build.server = await serve(build.dist, { compress: true });
let browser = await launch();
try {
  // Navigation → first result. Round 0 warms each server's brotli cache and the
  // disk cache of the files; it is not counted.
  for (let round = 0; round <= RUNS; round++) {
    for (const build of rotated(round)) {
      for (const rate of RATES) {
        const { context, times, running } = await open(browser, build, rate);
        const run = await running;
        await context.close();
        if (round === 0) continue;
        add(`navigation → first result in DOM, ${rate}× CPU`, build, times.dom);
        add(`navigation → first result on screen, ${rate}× CPU`, build, times.frame);
        add(`navigation → app running (drawn or taken over, next frame), ${rate}× CPU`, build, run.frame);
      }
    }
    process.stderr.write(`bench: first result, round ${round}/${RUNS}\n`);
  }

  // Input change → next frame with the new level.
  for (let round = 0; round < EDIT_ROUNDS; round++) {
    for (const build of rotated(round)) {
      for (const rate of RATES) {
        const { context, page, running } = await open(browser, build, rate);
        // A prerendered level is on screen before the app can take an edit.
        await running;
        await page.waitForTimeout(1000); // effects after the first render settle
        for (const t of await page.evaluate(timeEdits, EDITS)) add(`input change → new level on screen, ${rate}× CPU`, build, t);
        await context.close();
      }
    }
    process.stderr.write(`bench: edits, round ${round + 1}/${EDIT_ROUNDS}\n`);
  }

  // Counters per edit, from a trace and CDP's own metrics, at 1× CPU, one
  // page per build and round (the times among them vary; the counts hardly).
  for (let round = 0; round < EDIT_ROUNDS; round++) for (const build of rotated(round)) {
    const { context, page, cdp, running } = await open(browser, build, 1);
    await running;
    await page.waitForTimeout(1000);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const n = 10;
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    const before = await metrics();
    await page.evaluate(timeEdits, n);
    const after = await metrics();
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const events = trace.traceEvents ?? trace;
    const pid = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames?.[0]?.processId;
    const own = events.filter((e) => pid === undefined || e.pid === pid);
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    const styled = sum(own.filter((e) => e.name === 'UpdateLayoutTree').map((e) => e.args?.elementCount ?? e.args?.data?.elementCount ?? 0));
    const laidOut = sum(own.filter((e) => e.name === 'Layout' && e.ph !== 'E').map((e) => e.args?.beginData?.dirtyObjects ?? 0));
    add('per edit: elements styled (trace)', build, styled / n);
    add('per edit: layout objects laid out (trace)', build, laidOut / n);
    add('per edit: style recalcs', build, (after.RecalcStyleCount - before.RecalcStyleCount) / n);
    add('per edit: layouts', build, (after.LayoutCount - before.LayoutCount) / n);
    add('per edit: script time, ms', build, ((after.ScriptDuration - before.ScriptDuration) * 1000) / n);
    add('per edit: layout time, ms', build, ((after.LayoutDuration - before.LayoutDuration) * 1000) / n);
    add('page: DOM nodes', build, after.Nodes);
    add('page: layout objects', build, after.LayoutObjects);
    const writes = await page.evaluate(burst, 10);
    add('burst of 10 edits: history.replaceState calls', build, writes.replaceState);
    add('burst of 10 edits: localStorage.setItem calls', build, writes.setItem);
    await context.close();
  }
  // Lighthouse starts its own Chromium: close ours first.
  await browser.close();
  browser = null;

  // Lighthouse (bench/ holds it, installed by make bench), interleaved too.
  const lighthouse = join(ROOT, 'bench', 'node_modules', '.bin', 'lighthouse');
  if (LIGHTHOUSE_RUNS > 0 && !existsSync(lighthouse)) {
    console.error('bench: Lighthouse not installed (npm ci --prefix bench); skipped');
  } else {
    for (let round = 0; round < LIGHTHOUSE_RUNS; round++) {
      for (const build of rotated(round)) {
        for (const preset of ['mobile', 'desktop']) {
          const output = `/tmp/evidence-ladder-lighthouse-${process.pid}.json`;
          const args = [
            build.server.url,
            '--output=json',
            `--output-path=${output}`,
            '--quiet',
            `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`,
            ...(preset === 'desktop' ? ['--preset=desktop'] : []),
          ];
          // Async: this process serves the pages Lighthouse loads.
          await promisify(execFile)(lighthouse, args, {
            env: { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? '/usr/bin/chromium' },
            timeout: 180_000,
          });
          const report = JSON.parse(readFileSync(output, 'utf8'));
          rmSync(output, { force: true });
          const score = (c) => Math.round(report.categories[c].score * 100);
          add(`Lighthouse ${preset}: performance`, build, score('performance'));
          add(`Lighthouse ${preset}: LCP, ms`, build, report.audits['largest-contentful-paint'].numericValue);
          add(`Lighthouse ${preset}: TBT, ms`, build, report.audits['total-blocking-time'].numericValue);
          add(`Lighthouse ${preset}: accessibility / best practices / SEO (min)`, build,
            Math.min(score('accessibility'), score('best-practices'), score('seo')));
        }
      }
      process.stderr.write(`bench: Lighthouse, round ${round + 1}/${LIGHTHOUSE_RUNS}\n`);
    }
  }
} finally {
  await browser?.close().catch(() => {});
  for (const build of builds) await build.server?.close();
}

// One table: per metric, each build's median and p95 (n runs), then this
// tree's ratio to each reference (medians; p95 in brackets).
const metrics = [...new Set([...samples.keys()].map((k) => k.split('|')[0]))];
const fmt = (x) => (Number.isNaN(x) ? '–' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));
const header = ['measurement (median / p95, n)', ...builds.map((b) => b.name), ...builds.slice(1).map((b) => `÷ ${b.name}`)];
const rows = metrics.map((metric) => {
  const of = (b) => samples.get(`${metric}|${b.name}`) ?? [];
  const cells = builds.map((b) => {
    const xs = of(b);
    return xs.length === 1 ? fmt(xs[0]) : `${fmt(median(xs))} / ${fmt(percentile(xs, 95))} (${xs.length})`;
  });
  const mine = of(builds[0]);
  const ratios = builds.slice(1).map((b) => {
    const xs = of(b);
    const r = (p) => percentile(mine, p) / percentile(xs, p);
    return xs.length === 1 ? `${r(50).toFixed(2)}×` : `${r(50).toFixed(2)}× (${r(95).toFixed(2)}×)`;
  });
  return [metric, ...cells, ...ratios];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`\n${line(header)}`);
for (const r of rows) console.log(line(r));
console.log(`\n${builds.map((b) => `${b.name}: ${b.commit ?? 'dist/'}`).join('; ')}. ${new Date().toISOString().slice(0, 10)}, ${RUNS} navigations and ${EDIT_ROUNDS}×${EDITS} edits per build and CPU rate.`);
