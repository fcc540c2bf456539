// Trunk post_build hook: finishes the build in TRUNK_STAGING_DIR.
//  - embed-assets.json: the hashed names of the app's JS, wasm and CSS, so the
//    stable embed.js can load the current build for mount().
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set; run me from Trunk.');
  process.exit(1);
}

const files = await readdir(staging);
const find = (pattern, what) => {
  const name = files.find((f) => pattern.test(f));
  if (!name) {
    console.error(`post-build: no ${what} in ${staging}`);
    process.exit(1);
  }
  return name;
};
const assets = {
  js: find(/^evidence-ladder-[0-9a-f]+\.js$/, 'app JS'),
  wasm: find(/^evidence-ladder-[0-9a-f]+_bg\.wasm$/, 'app wasm'),
  css: find(/^app-[0-9a-f]+\.css$/, 'stylesheet'),
};
await writeFile(join(staging, 'embed-assets.json'), JSON.stringify(assets) + '\n');
