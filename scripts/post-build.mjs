// Trunk post_build hook: finishes the build in TRUNK_STAGING_DIR.
// Every build:
//  - embed-assets.json: the hashed names of the app's JS, wasm and CSS, so the
//    stable embed.js can load the current build for mount().
// Release builds only (`make serve` stays a plain dev server):
//  - index.html gets the Content-Security-Policy, with the hash of Trunk's
//    inline loader script, and the script that registers the service worker;
//  - sw.js: precaches every file of the build under a content-hash version.
// Safe to run twice on the same folder.
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
await writeFile(join(staging, 'embed-assets.json'), JSON.stringify(assets) + '\n');

if (release) {
  const indexPath = join(staging, 'index.html');
  let html = await readFile(indexPath, 'utf8');

  const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
  if (inline.length === 0) fail("Trunk's inline loader script not found in index.html");
  const hashes = inline.map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}" />`;
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
  if (!html.includes('src="./pwa.js"')) {
    html = html.replace('</head>', '<script src="./pwa.js" defer></script></head>');
  }
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
  const urls = precache.map((f) => (f === 'index.html' ? './' : `./${f}`));
  const template = await readFile(fileURLToPath(new URL('sw-template.js', import.meta.url)), 'utf8');
  const sw = template.replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(urls, null, 2));
  await writeFile(join(staging, 'sw.js'), sw);
  console.log(`post-build: sw.js version ${version}, ${urls.length} files precached`);
}
