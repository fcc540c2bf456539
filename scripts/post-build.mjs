// Trunk post_build hook: finishes the build in TRUNK_STAGING_DIR.
// Every build:
//  - embed-assets.json: the hashed names of the app's JS, wasm and CSS and
//    their integrity, so the stable embed.js can load the current build for
//    mount() and check every file before it runs.
// Release builds only (`make serve` stays a plain dev server):
//  - index.html: Trunk's inline loader and its preloads (Chromium ignores the
//    integrity of an `as=fetch` preload, and after a failed modulepreload
//    `import()` fetches the JS again unchecked) give way to loader.js, which
//    fetches the wasm and the JS with their integrity and imports the checked
//    JS from a `blob:` URL, once the page has painted. So no inline script is left. pwa.js (which
//    registers the service worker) and the stylesheet get `integrity` and
//    `crossorigin` (an iframe sandboxed without allow-same-origin has an
//    opaque origin, so even same-host files are cross-origin requests there).
//    The Content-Security-Policy allows `blob:` scripts and the hash of the
//    one inline <style> (the CSS-only "has not started" notice);
//  - sw.js: precaches every file of the build under a content-hash version,
//    with each file's integrity.
//  - early.js: a blocking script in <head>, with its integrity, that marks
//    a visit whose inputs are not the prerendered defaults.
// `make release` runs this again (TRUNK_STAGING_DIR=dist TRUNK_PROFILE=release)
// after the prerender step (src/bin/prerender.rs) has written the default
// page into index.html, so the CSP and sw.js cover the page as shipped.
// Safe to run twice on the same folder, and again after files were renamed.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === 'release';
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set; run me from Trunk.');
  process.exit(1);
}

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}

const top = await readdir(staging);
const find = (pattern, what) => top.find((f) => pattern.test(f)) ?? fail(`no ${what} in ${staging}`);
const assets = {
  js: find(/^evidence-ladder-[0-9a-f]+\.js$/, 'app JS'),
  wasm: find(/^evidence-ladder-[0-9a-f]+_bg\.wasm$/, 'app wasm'),
  css: find(/^app-[0-9a-f]+\.css$/, 'stylesheet'),
};
// The stylesheet's `rem` become `calc(N * var(--el-rem))` (every build, before
// any integrity is taken): app.css sets --el-rem to 1rem on the app's own page
// and to 16px on a calculator mounted into another page, whose `rem` would
// otherwise follow the host's root font size (a blog with
// `html { font-size: 62.5% }` shrank a mounted calculator's controls from
// 12.8 to 8 px; issue 34). Media queries keep `rem` (no var() there; they
// read the browser's default size, never the page's). Idempotent.
export function fixedRem(css) {
  let out = '';
  let at = 0;
  for (const m of css.matchAll(/@(?:media|container|supports)[^{]*\{/g)) {
    out += declarations(css.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + declarations(css.slice(at));
}
const declarations = (css) =>
  css.replace(/(--el-rem\s*:\s*)?(-?(?:\d+\.?\d*|\.\d+))rem\b/g, (whole, definition, number) =>
    definition ? whole : `calc(${number} * var(--el-rem))`,
  );
{
  const path = join(staging, assets.css);
  const css = await readFile(path, 'utf8');
  const fixed = fixedRem(css);
  if (fixed !== css) await writeFile(path, fixed);
}
const sri = async (file) => `sha384-${createHash('sha384').update(await readFile(join(staging, file))).digest('base64')}`;
assets.wasm_integrity = await sri(assets.wasm);
assets.js_integrity = await sri(assets.js);
assets.css_integrity = await sri(assets.css);
await writeFile(join(staging, 'embed-assets.json'), JSON.stringify(assets) + '\n');

if (release) {
  const indexPath = join(staging, 'index.html');
  let html = await readFile(indexPath, 'utf8');

  if (!top.includes('loader.js')) fail('no loader.js (index.html must copy static/loader.js)');
  // Trunk's loader and preloads, or ours from an earlier run.
  html = html.replace(/\s*<script type="module">[\s\S]*?<\/script>/g, '');
  html = html.replace(/\s*<link rel="(?:modulepreload|preload)"[^>]*>/g, '');
  html = html.replace(/\s*<script type="module" src="\.\/loader\.js"[^>]*><\/script>/g, '');
  html = html.replace(/\s*<script src="\.\/pwa\.js"[^>]*><\/script>/g, '');
  html = html.replace(/\s*<script src="\.\/early\.js"[^>]*><\/script>/g, '');
  const loader =
    `<script type="module" src="./loader.js" crossorigin="anonymous" integrity="${await sri('loader.js')}" ` +
    `data-js="./${assets.js}" data-js-integrity="${assets.js_integrity}" ` +
    `data-wasm="./${assets.wasm}" data-wasm-integrity="${assets.wasm_integrity}"></script>`;
  // Blocking, and first: it marks a visit that starts from other inputs
  // before the prerendered default page is drawn (static/early.js). It
  // loads while the stylesheet does, which blocks drawing anyway.
  const early = top.includes('early.js')
    ? `\n    <script src="./early.js" crossorigin="anonymous" integrity="${await sri('early.js')}"></script>`
    : '';
  const pwa = top.includes('pwa.js')
    ? `\n    <script src="./pwa.js" defer crossorigin="anonymous" integrity="${await sri('pwa.js')}"></script>`
    : '';
  // No preloads: loader.js starts both downloads once the prerendered page
  // has painted. Started while the page was parsed they shared a slow link
  // with the stylesheet and the page, and Lighthouse's simulated mobile run
  // then put the largest paint after the wasm's download (LCP 2.7 s, where
  // it stays at 1.0 s without them); the app starts about 40 ms later.
  html = html.replace(/\s*<\/head>/, `${early}\n    ${loader}${pwa}\n  </head>`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) fail('an inline script is left in index.html; the CSP forbids it');
  // The stylesheet: Trunk wrote its integrity before the rem above were
  // fixed, so it is written again; it also needs crossorigin.
  html = html.replace(/(<link rel="stylesheet"[^>]*href="\.\/app-[0-9a-f]+\.css"[^>]*integrity=")[^"]*"/g, `$1${assets.css_integrity}"`);
  html = html.replace(/<link rel="stylesheet"(?![^>]*\bcrossorigin\b)([^>]*)>/g, '<link rel="stylesheet" crossorigin="anonymous"$1>');
  const styled = (html.match(/<link rel="stylesheet"[^>]*>/g) ?? []).some(
    (link) => link.includes(`href="./${assets.css}"`) && link.includes(`integrity="${assets.css_integrity}"`) && link.includes('crossorigin="anonymous"'),
  );
  if (!styled) fail(`the stylesheet ${assets.css} is not linked with its integrity (${assets.css_integrity}) and crossorigin`);
  const styleHashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
  );
  const csp = [
    "default-src 'self'",
    // blob: for the app's JS, imported from the bytes loader.js checked.
    "script-src 'self' 'wasm-unsafe-eval' blob:",
    ["style-src 'self'", ...styleHashes].join(' '),
    "img-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}" />`;
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
  await writeFile(indexPath, html);

  // Every file of the build, index.html as "./", in a stable order.
  const files = [];
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(relative(staging, path).split(sep).join('/'));
    }
  }
  await walk(staging);
  const precache = files.filter((f) => f !== 'sw.js').sort();
  const hash = createHash('sha256');
  for (const file of precache) {
    hash.update(file + '\0');
    hash.update(await readFile(join(staging, file)));
  }
  const version = hash.digest('hex').slice(0, 16);
  const entries = [];
  for (const f of precache) entries.push([f === 'index.html' ? './' : `./${f}`, await sri(f)]);
  const template = await readFile(fileURLToPath(new URL('sw-template.js', import.meta.url)), 'utf8');
  const sw = template
    .replace('__VERSION__', version)
    .replace('__PRECACHE__', '[\n' + entries.map((e) => '  ' + JSON.stringify(e)).join(',\n') + '\n]');
  await writeFile(join(staging, 'sw.js'), sw);
  console.log(`post-build: sw.js version ${version}, ${entries.length} files precached`);
}
