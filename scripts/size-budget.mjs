// Size of the release build: the app's wasm and JS (not embed.js, pwa.js or
// the service worker), raw and brotli-compressed, and the ten largest
// functions, so growth has a name.
//   node scripts/size-budget.mjs
// Fails when the brotli total is over CEILING_KB: a ceiling that stops silent
// growth, not a target. Raise it in the change that needs the bytes, and say
// in README ("Size") what they bought.
import { readFile, stat } from 'node:fs/promises';
import { constants, brotliCompressSync } from 'node:zlib';

// Measured 2026-12-06 on issue 35's branch: 294.4 KB, plus 3% (303.2).
// Before it, 286.6 KB (the merged fourth round: issue 32's expert read
// 13.9 KB, issue 34's bounded parsing and JSON answers about 4 KB, issue 33's
// layout, units and charts about 7 KB, the verdict in compute multipliers,
// stages and the verdict's power about 25 KB); issue 35 added 7.8 KB for
// hydrating the prerendered page (Yew's `hydration` feature, about 20 KB of
// code before wasm-opt, and the app's switch to the page's own inputs).
// README ("Size") says what the bytes buy and why 240 KB is not met.
// With the round's branches merged: 313.4 KB. Then 314.1 KB: the results'
// typed notes with their words in src/text (issue 29, 0.5 KB) and not
// reading "nothing pasted" again at every edit (issue 35, 0.2 KB).
// Main measured 314.6 KB on 2026-12-07; the review's six user-facing fixes
// (units, examples, number formatting, the file note) brought 315.4, and the
// review's plan fixes (the Loss noise input, the verdict's and stages' words)
// 316.0 once merged.
const CEILING_KB = 317;

const dist = new URL('../dist/', import.meta.url);
const assets = JSON.parse(await readFile(new URL('embed-assets.json', dist), 'utf8'));
let total = 0;
console.log('file                                       raw KB   brotli KB');
for (const name of [assets.wasm, assets.js]) {
  const body = await readFile(new URL(name, dist));
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += brotli;
  console.log(`${name.padEnd(42)} ${((await stat(new URL(name, dist))).size / 1024).toFixed(1).padStart(6)}   ${(brotli / 1024).toFixed(1).padStart(9)}`);
}
console.log(`${'total'.padEnd(42)} ${''.padStart(6)}   ${(total / 1024).toFixed(1).padStart(9)}   (ceiling ${CEILING_KB} KB)`);

// The largest functions, named from the name section that rustc writes into
// its own output (wasm-bindgen and wasm-opt strip it later). Sizes are before
// wasm-opt, so they rank contributors rather than measure shipped bytes.
// (binaryen's --func-metrics does the same but takes minutes on this module.)
try {
  const raw = await readFile(new URL('../target/wasm32-unknown-unknown/release/evidence_ladder.wasm', import.meta.url));
  console.log('\nlargest functions before wasm-opt                                   bytes');
  for (const [name, size] of largestFunctions(raw, 10)) {
    console.log(`${name.slice(0, 66).padEnd(66)} ${String(size).padStart(7)}`);
  }
} catch (error) {
  console.log(`\n(largest functions unavailable: ${error.message})`);
}

if (total / 1024 > CEILING_KB) {
  console.error(`size-budget: ${(total / 1024).toFixed(1)} KB brotli is over the ${CEILING_KB} KB ceiling`);
  process.exit(1);
}

/** The `count` largest function bodies of a wasm module, with their names. */
function largestFunctions(bytes, count) {
  let at = 8; // magic and version
  const leb = () => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
    }
  };
  const skip = () => {
    const length = leb();
    at += length;
  };
  const text = () => {
    const length = leb();
    at += length;
    return new TextDecoder().decode(bytes.subarray(at - length, at));
  };
  let imports = 0;
  const sizes = [];
  const names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 2) {
      // Imported functions come first in the function index space.
      for (let n = leb(); n > 0; n--) {
        skip(); // module
        skip(); // field
        const kind = bytes[at++];
        if (kind === 0) { leb(); imports++; }
        else if (kind === 1) { at++; if (leb() & 1) leb(); leb(); }
        else if (kind === 2) { if (leb() & 1) leb(); leb(); }
        else if (kind === 3) at += 2;
        else if (kind === 4) { at++; leb(); }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const body = leb();
        sizes.push(body);
        at += body;
      }
    } else if (id === 0 && text() === 'name') {
      while (at < end) {
        const sub = bytes[at++];
        const subEnd = leb() + at;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            names.set(index, text());
          }
        }
        at = subEnd;
      }
    }
    at = end;
  }
  return sizes
    .map((size, i) => [readable(names.get(imports + i) ?? `function ${imports + i}`), size])
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

/** A mangled Rust name, made readable enough to name a crate and a function. */
function readable(name) {
  if (name.startsWith('_R')) {
    // v0 mangling: keep the identifiers (<length><name>), drop hashes and tags.
    const stripped = name.replace(/Cs[0-9A-Za-z]*_/g, '.').replace(/B[0-9A-Za-z]*_/g, '.');
    const ids = [...stripped.matchAll(/(\d+)_?([A-Za-z_][A-Za-z0-9_]*)/g)]
      .map((m) => m[2].slice(0, Number(m[1])))
      .filter((id) => id.length > 1);
    return ids.join('::') || name;
  }
  const match = /^_ZN(.*)E$/.exec(name);
  if (!match) return name;
  const parts = [];
  let rest = match[1];
  while (rest.length > 0) {
    const m = /^(\d+)/.exec(rest);
    if (!m) break;
    const length = Number(m[1]);
    parts.push(rest.slice(m[1].length, m[1].length + length));
    rest = rest.slice(m[1].length + length);
  }
  return parts.filter((p) => !/^h[0-9a-f]{16}$/.test(p)).join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\.\./g, '::');
}
