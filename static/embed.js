/*
 * Evidence Ladder for blogs. Include once (a classic or a module script):
 *   <script src="https://…/embed.js" async></script>
 * then either place
 *   <div data-evidence-ladder data-generality="4" data-novelty="2"></div>
 * (every data-* attribute named as an input: data-tokens-per-param, data-theme, …)
 * which becomes a self-resizing iframe of the embed view, also when added to
 * the page later, or call
 *   window.evidenceLadder.mount(element, { generality: 4, theme: "dark" })
 * which renders a calculator straight into `element` (in a shadow root) and
 * resolves when it is on screen, or rejects with an Error that says why.
 * No dependencies; the only global it defines is window.evidenceLadder.
 */
(() => {
  'use strict';
  // A module script has no currentScript: find ours by name.
  const script =
    document.currentScript ||
    [...document.querySelectorAll('script[src]')].reverse().find((s) => /\/embed\.js(?:[?#]|$)/.test(s.src));
  if (!script) return;
  const base = new URL('./', script.src);
  const appOrigin = base.origin;
  const api = (window.evidenceLadder = window.evidenceLadder || {});
  if (api.mount) return; // already loaded

  const INPUTS = [
    'kind', 'generality', 'novelty', 'accelerator', 'count', 'hours', 'mfu', 'flops',
    'price', 'tokens_per_param', 'effect', 'noise', 'alpha', 'power', 'reserve', 'top',
    'axis', 'base_hours', 'exponent', 'currency',
  ];
  const MESSAGE = 'evidence-ladder:height';
  const MAX_HEIGHT = 20000;
  const TIMEOUT_MS = 10000;
  const FRAME = 'iframe[data-evidence-ladder-frame]';

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
    if (element.querySelector(FRAME)) return;
    const values = dataValues(element);
    const iframe = document.createElement('iframe');
    iframe.src = new URL('?' + queryFor(values, true), base).href;
    iframe.title = element.getAttribute('aria-label') || 'Evidence Ladder calculator';
    // Not lazy: a frame below the fold must load and report its height at
    // once, or it grows under the reader when scrolled into view.
    // The blog's address is none of the app host's business.
    iframe.referrerPolicy = 'no-referrer';
    iframe.setAttribute('data-evidence-ladder-frame', '');
    iframe.dataset.full = new URL('?' + queryFor(values, false), base).href;
    // A first guess until the frame reports its height: the compact view is
    // about 700 px tall at 720 px wide and about 800 px on a phone.
    const guess = element.clientWidth && element.clientWidth < 600 ? '50rem' : '44rem';
    iframe.style.cssText = `display:block;width:100%;border:0;height:${guess};color-scheme:normal`;
    element.replaceChildren(iframe);
  }

  /** Where a page's CSP refuses frames: a link instead of an empty box. */
  function refused(iframe) {
    const text = document.createElement('p');
    const link = document.createElement('a');
    link.href = iframe.dataset.full;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = 'Open the Evidence Ladder calculator';
    text.append(link, ' (this page does not allow it to be shown here).');
    iframe.replaceWith(text);
  }

  document.addEventListener('securitypolicyviolation', (event) => {
    if (!/^(?:frame|child|default)-src/.test(event.effectiveDirective)) return;
    if (!String(event.blockedURI).startsWith(appOrigin)) return;
    document.querySelectorAll(FRAME).forEach((iframe) => {
      if (iframe.src.startsWith(event.blockedURI) && !iframe.dataset.sized) refused(iframe);
    });
  });

  window.addEventListener('message', (event) => {
    if (event.origin !== appOrigin) return;
    // Looked up on every message, not remembered: a frame moved in the DOM
    // reloads with a new window.
    const iframe = [...document.querySelectorAll(FRAME)].find((f) => f.contentWindow === event.source);
    if (!iframe) return;
    const data = event.data;
    if (!data || data.type !== MESSAGE) return;
    const height = data.height;
    if (typeof height !== 'number' || !Number.isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    iframe.style.height = Math.ceil(height) + 'px';
    iframe.dataset.sized = '';
  });

  function withTimeout(promise) {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Evidence Ladder: the calculator took longer than ${TIMEOUT_MS / 1000} s to load`)),
        TIMEOUT_MS,
      );
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  // The build's file names and its compiled wasm, loaded once for every
  // mount(); forgotten after a failure so that the next mount() tries again.
  let build;
  function loadBuild() {
    build ??= (async () => {
      const url = new URL('embed-assets.json', base);
      let response;
      try {
        response = await fetch(url, { cache: 'no-cache' });
      } catch {
        throw new Error(
          `Evidence Ladder: cannot load ${url}. The server is unreachable, or it does not allow this site: ` +
            'the app\'s host must send the header "Access-Control-Allow-Origin: *" (or this site\'s origin).',
        );
      }
      if (!response.ok) throw new Error(`Evidence Ladder: cannot load ${url} (HTTP ${response.status})`);
      const assets = await response.json();
      const wasmUrl = new URL(assets.wasm, base);
      const wasm = await fetch(wasmUrl, { integrity: assets.wasm_integrity }).catch(() => {
        throw new Error(`Evidence Ladder: cannot load ${wasmUrl}, or it does not match its integrity`);
      });
      if (!wasm.ok) throw new Error(`Evidence Ladder: cannot load ${wasmUrl} (HTTP ${wasm.status})`);
      const module = await WebAssembly.compile(await wasm.arrayBuffer());
      return { js: new URL(assets.js, base).href, css: new URL(assets.css, base).href, module };
    })();
    build.catch(() => {
      build = undefined;
    });
    return build;
  }

  // Each calculator gets its own instance of the app (a distinct module URL
  // gives a distinct module): a panic in one stops only that one.
  let instances = 0;
  async function newInstance({ js, module }) {
    const app = await import(`${js}#${++instances}`);
    // Every instance defines plan() (and its siblings) again: keep the first
    // instance's, whatever happens to later ones.
    const kept = Object.entries(api);
    await app.default({ module_or_path: module });
    for (const [name, value] of kept) api[name] = value;
    return app;
  }

  function failure(root, message, retry) {
    const box = document.createElement('div');
    box.className = 'fatal';
    box.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = message;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Retry';
    button.addEventListener('click', retry);
    box.append(text, button);
    root.replaceChildren(box);
  }

  const latest = new WeakMap(); // element → the newest mount() on it

  /**
   * Renders a calculator into `element`. `options` takes the inputs by name,
   * plus `theme` ("light", "dark" or "auto") and `compact` (default true).
   * Resolves to the shadow root's host once the calculator is on screen;
   * always settles, rejecting with a TypeError for bad arguments and an Error
   * for anything else (the box then shows what happened, and Retry).
   */
  api.mount = async (element, options = {}) => {
    if (!(element instanceof Element)) throw new TypeError('mount(element, options): element must be a DOM element');
    if (options === null || typeof options !== 'object') {
      throw new TypeError('mount(element, options): options must be an object, such as { generality: 4 }');
    }
    if (!element.isConnected) {
      throw new Error('mount(element, options): element is not in the document; add it to the page first');
    }
    // Read every option before touching the page: a throwing getter leaves it as it was.
    const values = {};
    for (const key of [...INPUTS, 'theme', 'compact']) values[key] = options[key];
    const query = queryFor(values, values.compact !== false);

    const token = {};
    latest.set(element, token);
    const host = document.createElement('div');
    host.toggleAttribute('data-evidence-ladder-mount', true);
    if (['light', 'dark'].includes(values.theme)) host.dataset.theme = values.theme;
    const shadow = host.attachShadow({ mode: 'open' });
    const root = document.createElement('div');
    const loading = document.createElement('p');
    loading.textContent = 'Loading the calculator…';
    root.append(loading);
    shadow.append(root);
    element.replaceChildren(host);
    const retry = () => {
      api.mount(element, values).catch(() => {}); // this one shows its own outcome
    };
    const check = () => {
      if (latest.get(element) !== token) throw new Error('mount(): replaced by a later mount() on the same element');
      if (!host.isConnected) throw new Error('mount(): the element was removed from the document while the calculator loaded');
    };

    let app;
    try {
      const loaded = await withTimeout(loadBuild());
      check();
      const style = document.createElement('link');
      style.rel = 'stylesheet';
      style.href = loaded.css;
      const styled = new Promise((resolve) => {
        style.onload = style.onerror = resolve;
      });
      shadow.prepend(style);
      [app] = await withTimeout(Promise.all([newInstance(loaded), styled]));
      check();
    } catch (error) {
      if (latest.get(element) === token && host.isConnected) {
        failure(root, 'The calculator could not load. Check your connection, then retry.', retry);
      }
      throw error;
    }

    // A panic shows its message in `root` (the app writes it) and fires this
    // event; before the first render is on screen it rejects this mount().
    let panicked = false;
    root.addEventListener('evidence-ladder-error', () => {
      panicked = true;
      const box = root.querySelector('.fatal');
      if (box && !box.querySelector('button')) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Retry';
        button.addEventListener('click', retry);
        box.append(button);
      }
    });
    const stopped = new Error('Evidence Ladder: the calculator stopped with an error (see the console)');
    try {
      root.replaceChildren();
      app.mountCalculator(root, query, base.href);
    } catch {
      throw stopped;
    }
    // Yew renders asynchronously: wait for the first render to land.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (panicked) throw stopped;
    return host;
  };

  /** Upgrades every placeholder in `scope` (the document by default) not yet upgraded. */
  api.scan = (scope = document) => {
    if (scope.matches?.('[data-evidence-ladder]')) frame(scope);
    scope.querySelectorAll('[data-evidence-ladder]').forEach(frame);
  };

  function start() {
    api.scan();
    // Blogs that render on the client add placeholders after load.
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) api.scan(node);
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
