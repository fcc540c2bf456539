/*
 * Starts the calculator in release builds, in place of Trunk's inline loader
 * (scripts/post-build.mjs swaps them and fills in the data-* attributes).
 * Why our own: Chromium ignores the integrity of Trunk's `as=fetch` wasm
 * preload, so a changed wasm would run; here the wasm is fetched with its
 * integrity checked. And any failure (missing file, integrity mismatch,
 * compile error, nothing after 10 s) replaces "Loading…" with a message and
 * Retry instead of leaving it on screen for good.
 */
const TIMEOUT_MS = 10000;
const config = document.querySelector('script[data-wasm][data-js]').dataset;
const root = document.getElementById('app');

function started() {
  // The app replaced "Loading…", or its panic hook already said what happened.
  return !root || !root.querySelector('.loading');
}

function showFailure(message) {
  if (started()) return;
  const box = document.createElement('div');
  box.className = 'fatal';
  box.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.textContent = 'Retry';
  retry.addEventListener('click', () => location.reload());
  box.append(text, retry);
  root.replaceChildren(box);
}

// Slow, not failed: the load goes on, and the app replaces this message if it
// still arrives.
const timer = setTimeout(
  () => showFailure('The calculator is taking too long to load. Check your connection, then retry.'),
  TIMEOUT_MS,
);

try {
  const response = await fetch(config.wasm, { integrity: config.wasmIntegrity });
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  const bindings = await import(config.js);
  await bindings.default({ module_or_path: response });
  clearTimeout(timer);
} catch (error) {
  clearTimeout(timer);
  console.error('Evidence Ladder could not start:', error);
  showFailure('The calculator could not load: a file is missing or damaged, perhaps because a new version is being deployed. Retry in a moment.');
}
