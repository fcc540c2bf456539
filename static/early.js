/*
 * Runs before the page is first drawn (a classic script in <head>; the
 * post-build step adds it to release builds with its integrity). The page
 * arrives with the calculator prerendered for the default inputs
 * (src/bin/prerender.rs). When this visit will start from other inputs (a
 * link that names any, or inputs saved on an earlier visit), the defaults
 * must not be read as the answer: `data-prerender="stale"` hides the plan's
 * numbers and shows "Updating…" until the app has drawn the right ones and
 * removes the mark. The embed view (its own compact layout, rendered by the
 * wasm) is marked too, so the full page never flashes inside a frame.
 */
(() => {
  'use strict';
  const root = document.documentElement;
  const params = new URLSearchParams(location.search);
  const embed = params.get('embed') === '1' || params.get('embed') === 'true';
  // The same view keys the app reads (src/model/query.rs); every other key
  // may be an input.
  const inputs = [...params.keys()].some((key) => key !== 'embed' && key !== 'theme');
  let saved = false;
  if (!inputs && !embed) {
    // Storage can be blocked (sandboxed frames, some privacy modes): then
    // nothing was saved that this page could read either.
    try {
      saved = Boolean(localStorage.getItem('evidence-ladder.inputs.v1'));
    } catch {
      saved = false;
    }
  }
  const theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  if (embed) root.classList.add('embed');
  // The embed view never shows the prerendered page (styles/app.css).
  if (!embed && (inputs || saved)) root.setAttribute('data-prerender', 'stale');
})();
