/*
 * Starts the calculator in release builds, in place of Trunk's inline loader
 * (scripts/post-build.mjs swaps them and fills in the data-* attributes).
 * Why our own: nothing the browser runs is unchecked. Chromium ignores the
 * integrity of Trunk's `as=fetch` wasm preload, and when a modulepreload
 * fails its integrity, `import()` fetches the JS again without it. So both
 * files are fetched here with their integrity, and the JS is imported from a
 * `blob:` URL of exactly the bytes that were checked (the CSP allows `blob:`
 * scripts for this). Any failure (missing file, integrity mismatch, compile
 * error, nothing after 10 s) replaces "Loading…" with a message and Retry
 * instead of leaving it on screen for good.
 */
const TIMEOUT_MS = 10000;
const config = document.querySelector('script[data-wasm][data-js]').dataset;
const root = document.getElementById('app');

// This script runs, so it reports failures itself: the page's CSS-only
// "has not started" notice (for a loader.js that cannot run) is not needed.
root?.querySelector('.stalled')?.remove();

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
  if (root.hasAttribute('data-prerendered') && !document.documentElement.classList.contains('embed')) {
    // The prerendered page stays readable under the message; a visit that
    // was to start from other inputs keeps the defaults' answers hidden
    // (styles/app.css), but is no longer "updating".
    root.querySelector(':scope > .loading')?.remove();
    root.prepend(box);
    if (document.documentElement.hasAttribute('data-prerender')) {
      document.documentElement.setAttribute('data-prerender', 'failed');
    }
  } else {
    // The embed view hides a prerendered page (styles/app.css); not this.
    root.removeAttribute('data-prerendered');
    root.replaceChildren(box);
  }
}

// Slow, not failed: the load goes on, and the app replaces this message if it
// still arrives.
const timer = setTimeout(
  () => showFailure('The calculator is taking too long to load. Check your connection, then retry.'),
  TIMEOUT_MS,
);

/** A file's response, checked against its integrity by the browser. */
async function checked(url, integrity) {
  const response = await fetch(url, { integrity });
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response;
}

/** The wasm, compiled while it streams in when the host labels it as wasm. */
async function compiled(response) {
  if (response.headers.get('content-type')?.split(';')[0].trim() === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Resolves once the page as it arrived (the prerendered plan) has painted,
 * so the app's downloads do not compete with the stylesheet and the page on
 * a slow link; after at most a second where no frame comes (a tab opened
 * in the background draws none).
 */
function painted() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 1000);
  });
}

try {
  await painted();
  // The wasm compiles (off the main thread) while the JS is checked,
  // imported and evaluated, rather than after it.
  const wasm = checked(config.wasm, config.wasmIntegrity).then(compiled);
  wasm.catch(() => {}); // reported where it is awaited, below
  const js = await checked(config.js, config.jsIntegrity);
  const module = URL.createObjectURL(new Blob([await js.arrayBuffer()], { type: 'text/javascript' }));
  let bindings;
  try {
    bindings = await import(module);
  } finally {
    URL.revokeObjectURL(module);
  }
  await bindings.default({ module_or_path: await wasm });
  clearTimeout(timer);
} catch (error) {
  clearTimeout(timer);
  console.error('Evidence Ladder could not start:', error);
  showFailure('The calculator could not load: a file is missing or damaged, perhaps because a new version is being deployed. Retry in a moment.');
}
// The app's downloads are done, whether it started or not: pwa.js may now
// install the offline copy without sharing the link with them.
window.dispatchEvent(new Event('evidence-ladder-loaded'));
