/*
 * Evidence Ladder for blogs. Include once:
 *   <script src="https://…/embed.js" async></script>
 * then either place
 *   <div data-evidence-ladder data-generality="4" data-novelty="2"></div>
 * (every data-* attribute named as an input: data-tokens-per-param, data-theme, …)
 * which becomes a self-resizing iframe of the embed view, or call
 *   window.evidenceLadder.mount(element, { generality: 4, theme: "dark" })
 * which renders a calculator straight into `element` (in a shadow root) and
 * resolves when it is on screen. No dependencies; the only global it defines
 * is window.evidenceLadder.
 */
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script) return;
  const base = new URL('./', script.src);
  const appOrigin = base.origin;
  const api = (window.evidenceLadder = window.evidenceLadder || {});
  if (api.mount) return; // already loaded

  const INPUTS = [
    'kind', 'generality', 'novelty', 'accelerator', 'count', 'hours', 'mfu', 'flops',
    'price', 'tokens_per_param', 'effect', 'noise', 'alpha', 'power',
  ];
  const MESSAGE = 'evidence-ladder:height';
  const MAX_HEIGHT = 20000;
  const frames = new Map(); // contentWindow → iframe

  /** The query for a set of named values; only known inputs and the theme. */
  function queryFor(values, compact) {
    const query = new URLSearchParams();
    for (const key of INPUTS) {
      const value = values[key];
      if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
    }
    if (compact) query.set('embed', '1');
    if (['light', 'dark', 'auto'].includes(values.theme)) query.set('theme', values.theme);
    return query.toString();
  }

  /** data-tokens-per-param="20" → { tokens_per_param: "20" } */
  function dataValues(element) {
    const values = {};
    for (const [name, value] of Object.entries(element.dataset)) {
      values[name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())] = value;
    }
    return values;
  }

  function frame(element) {
    if (element.querySelector('iframe[data-evidence-ladder-frame]')) return;
    const iframe = document.createElement('iframe');
    iframe.src = new URL('?' + queryFor(dataValues(element), true), base).href;
    iframe.title = element.getAttribute('aria-label') || 'Evidence Ladder calculator';
    iframe.loading = 'lazy';
    iframe.setAttribute('data-evidence-ladder-frame', '');
    // A first guess until the frame reports its height.
    iframe.style.cssText = 'display:block;width:100%;border:0;height:40rem;color-scheme:normal';
    element.replaceChildren(iframe);
    frames.set(iframe.contentWindow, iframe);
  }

  window.addEventListener('message', (event) => {
    const iframe = frames.get(event.source);
    if (!iframe || event.origin !== appOrigin) return;
    const data = event.data;
    if (!data || data.type !== MESSAGE) return;
    const height = data.height;
    if (typeof height !== 'number' || !Number.isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    iframe.style.height = Math.ceil(height) + 'px';
  });

  let app; // the wasm module, loaded once for every mount
  function loadApp() {
    app ??= (async () => {
      const response = await fetch(new URL('embed-assets.json', base), { cache: 'no-cache' });
      if (!response.ok) throw new Error('Evidence Ladder: cannot load ' + response.url);
      const assets = await response.json();
      const module = await import(new URL(assets.js, base).href);
      await module.default({ module_or_path: new URL(assets.wasm, base) });
      return { module, css: new URL(assets.css, base).href };
    })();
    return app;
  }

  /**
   * Renders a calculator into `element`. `options` takes the inputs by name,
   * plus `theme` ("light", "dark" or "auto") and `compact` (default true).
   * Resolves to the shadow root's host once the calculator is on screen.
   */
  api.mount = async (element, options = {}) => {
    if (!(element instanceof Element)) throw new TypeError('mount(element, options): element must be a DOM element');
    const { module, css } = await loadApp();
    const host = document.createElement('div');
    host.setAttribute('data-evidence-ladder-mount', '');
    if (['light', 'dark'].includes(options.theme)) host.setAttribute('data-theme', options.theme);
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = css;
    const loaded = new Promise((resolve) => {
      style.onload = style.onerror = resolve;
    });
    const root = document.createElement('div');
    shadow.append(style, root);
    element.replaceChildren(host);
    await loaded;
    module.mountCalculator(root, queryFor(options, options.compact !== false), base.href);
    return host;
  };

  function upgrade() {
    document.querySelectorAll('[data-evidence-ladder]').forEach(frame);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', upgrade);
  } else {
    upgrade();
  }
})();
