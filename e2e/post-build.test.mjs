// The post-build hook on a tiny fake build: what it writes in debug and release.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOADER = "\nimport init from './evidence-ladder-0a1b.js';\nawait init();\n";
const STYLE = '\n  #app .stalled { visibility: hidden; }\n';

async function fakeBuild() {
  const dir = await mkdtemp(join(tmpdir(), 'post-build-'));
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8" />\n<link rel="stylesheet" href="./app-9f.css" integrity="${sri('css')}"/>\n` +
      `<style>${STYLE}</style>\n<script type="module">${LOADER}</script></head><body></body></html>`,
  );
  await writeFile(join(dir, 'evidence-ladder-0a1b.js'), 'js');
  await writeFile(join(dir, 'evidence-ladder-0a1b_bg.wasm'), 'wasm');
  await writeFile(join(dir, 'app-9f.css'), 'css');
  await writeFile(join(dir, 'loader.js'), 'loader');
  await writeFile(join(dir, 'pwa.js'), 'pwa');
  await mkdir(join(dir, 'icons'));
  await writeFile(join(dir, 'icons', 'a.png'), 'png');
  return dir;
}

function sri(text) {
  return `sha384-${createHash('sha384').update(text).digest('base64')}`;
}

const run = (dir, profile) =>
  execFileSync('node', [new URL('../scripts/post-build.mjs', import.meta.url).pathname], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: profile },
  });

test('a debug build (make serve) gets no service worker and no CSP', async () => {
  const dir = await fakeBuild();
  const before = await readFile(join(dir, 'index.html'), 'utf8');
  run(dir, 'debug');
  assert.ok(!(await readdir(dir)).includes('sw.js'));
  assert.equal(await readFile(join(dir, 'index.html'), 'utf8'), before);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'embed-assets.json'), 'utf8')), {
    js: 'evidence-ladder-0a1b.js',
    wasm: 'evidence-ladder-0a1b_bg.wasm',
    css: 'app-9f.css',
    wasm_integrity: sri('wasm'),
    js_integrity: sri('js'),
    css_integrity: sri('css'),
  });
});

test('a release build: no inline script, every file loaded with its integrity, the worker and its precache list', async () => {
  const dir = await fakeBuild();
  run(dir, 'release');
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  // blob: for the checked app JS; the one inline style by its hash, nothing else inline.
  assert.ok(html.includes("script-src 'self' 'wasm-unsafe-eval' blob:; "));
  assert.ok(html.includes(`style-src 'self' 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; `));
  assert.ok(html.includes("object-src 'none'; base-uri 'none'; form-action 'none'"));
  assert.doesNotMatch(html, /'unsafe-inline'|'unsafe-eval'/);
  assert.doesNotMatch(html, /<script type="module">/, "Trunk's inline loader is gone");
  assert.ok(html.includes(`<script type="module" src="./loader.js" crossorigin="anonymous" integrity="${sri('loader')}"`));
  assert.ok(html.includes(`data-js="./evidence-ladder-0a1b.js" data-js-integrity="${sri('js')}"`));
  assert.ok(html.includes(`data-wasm="./evidence-ladder-0a1b_bg.wasm" data-wasm-integrity="${sri('wasm')}"`));
  // No modulepreload: after one fails its integrity, import() fetches the JS again unchecked.
  assert.doesNotMatch(html, /modulepreload/);
  assert.ok(html.includes(`<script src="./pwa.js" defer crossorigin="anonymous" integrity="${sri('pwa')}"></script>`));
  assert.ok(html.includes(`<link rel="stylesheet" crossorigin="anonymous" href="./app-9f.css" integrity="${sri('css')}"/>`));
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  for (const url of ['./', './app-9f.css', './embed-assets.json', './icons/a.png', './evidence-ladder-0a1b_bg.wasm']) {
    assert.ok(sw.includes(`"${url}"`), url);
  }
  assert.ok(sw.includes(`["./icons/a.png","${sri('png')}"]`), 'each file with its integrity');
  assert.doesNotMatch(sw, /"\.\/sw\.js"/);
  const version = sw.match(/const VERSION = '([0-9a-f]{16})'/)[1];

  // Idempotent: a second run changes nothing.
  run(dir, 'release');
  assert.equal(await readFile(join(dir, 'index.html'), 'utf8'), html);
  assert.equal(await readFile(join(dir, 'sw.js'), 'utf8'), sw);

  // Any changed file gives a new version.
  await writeFile(join(dir, 'icons', 'a.png'), 'png2');
  run(dir, 'release');
  const next = (await readFile(join(dir, 'sw.js'), 'utf8')).match(/const VERSION = '([0-9a-f]{16})'/)[1];
  assert.notEqual(next, version);
});

test('the stylesheet\'s rem follow --el-rem, outside media queries, and its integrity follows (issue 34)', async () => {
  const dir = await fakeBuild();
  const css = ':root{--el-rem: 1rem}a{padding:.5rem 1rem;margin:-2.25rem 0}@media (min-width:60rem){b{gap:3rem}}';
  await writeFile(join(dir, 'app-9f.css'), css);
  run(dir, 'release');
  const fixed = await readFile(join(dir, 'app-9f.css'), 'utf8');
  assert.equal(
    fixed,
    ':root{--el-rem: 1rem}a{padding:calc(.5 * var(--el-rem)) calc(1 * var(--el-rem));margin:calc(-2.25 * var(--el-rem)) 0}' +
      '@media (min-width:60rem){b{gap:calc(3 * var(--el-rem))}}',
  );
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  assert.ok(html.includes(`href="./app-9f.css" integrity="${sri(fixed)}"`), html);
  const assets = JSON.parse(await readFile(join(dir, 'embed-assets.json'), 'utf8'));
  assert.equal(assets.css_integrity, sri(fixed));
  run(dir, 'release');
  assert.equal(await readFile(join(dir, 'app-9f.css'), 'utf8'), fixed, 'idempotent');
});
