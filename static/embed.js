/*
 * Evidence Ladder for blogs. Include once (a classic or a module script):
 *   <script src="https://…/embed.js" async></script>
 * then either place
 *   <div data-evidence-ladder data-generality="4" data-novelty="2"></div>
 * (every other data-* attribute is passed on as an input, data-tokens-per-param
 * as tokens_per_param, and the app accepts or refuses each; data-theme picks
 * light, dark or auto) which becomes a self-resizing iframe of the embed view,
 * also when added to the page later, or call
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

  const MESSAGE = 'evidence-ladder:height';
  const MAX_HEIGHT = 20000;
  const TIMEOUT_MS = 10000;
  const FRAME = 'iframe[data-evidence-ladder-frame]';
  // Names that are not inputs: how to show the calculator, and embed.js's own
  // marker. Everything else goes to the app, whose query parser accepts or
  // refuses each input (and ignores names it does not know): no list here
  // that could drift from the app's fields.
  const NOT_INPUTS = new Set(['theme', 'compact', 'embed', 'evidence_ladder']);
  // Every frame this script made, wherever it is (a placeholder inside a
  // shadow root is out of document.querySelectorAll's reach).
  const frames = new Set();
  /** The frames still in a document (or a shadow root in one); the rest are forgotten. */
  const liveFrames = () => [...frames].filter((f) => f.isConnected || (frames.delete(f) && false));

  /** tokensPerParam or tokens-per-param → tokens_per_param */
  const snake = (name) => name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()).replace(/-/g, '_');

  /** The query for a set of named values: every input, the view and the theme. */
  function queryFor(values, compact, theme) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) {
      if (NOT_INPUTS.has(key) || value === undefined || value === null || value === '') continue;
      query.set(key, String(value));
    }
    if (compact) query.set('embed', '1');
    if (['light', 'dark', 'auto'].includes(theme)) query.set('theme', theme);
    return query.toString();
  }

  /**
   * data-tokens-per-param="20" → { tokens_per_param: "20" }, in the order
   * written. Without a prototype: `values.theme` is the element's own or
   * nothing, never an `Object.prototype.theme` the page set.
   */
  function dataValues(element) {
    const values = Object.create(null);
    for (const [name, value] of Object.entries(element.dataset)) values[snake(name)] = value;
    return values;
  }

  /**
   * The theme an embed uses: the one asked for, or else the one that suits
   * the background the calculator will sit on (a dark box in a cream blog, or
   * the reverse, is what following only the reader's OS setting gave).
   */
  function themeFor(asked, element) {
    if (['light', 'dark', 'auto'].includes(asked)) return asked;
    const luminance = backgroundLuminance(element);
    return luminance === undefined ? undefined : luminance < 0.18 ? 'dark' : 'light';
  }

  /** An rgba() for any CSS colour the browser computes (rgb(), color(), oklch(), …). */
  let probe;
  function rgba(color) {
    const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(color);
    if (m) {
      const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
      return [+m[1], +m[2], +m[3], alpha];
    }
    try {
      probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = color;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255];
    } catch {
      return undefined;
    }
  }

  /**
   * The relative luminance (WCAG, 0 black … 1 white) of the colour behind
   * `element`: the first ancestor with an opaque enough background, or the
   * page's canvas. 0.18 is where black and white text have equal contrast.
   */
  function backgroundLuminance(element) {
    try {
      for (let el = element; el; el = el.parentElement) {
        const color = rgba(getComputedStyle(el).backgroundColor);
        if (color && color[3] >= 0.5) {
          const [r, g, b] = color.slice(0, 3).map((c) => {
            const s = c / 255;
            return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }
      }
      // Nothing painted: the canvas, dark only where the page opts into a
      // dark color-scheme that the reader's setting selects.
      const scheme = getComputedStyle(document.documentElement).colorScheme;
      const dark = /\bdark\b/.test(scheme) && (!/\blight\b/.test(scheme) || matchMedia('(prefers-color-scheme: dark)').matches);
      return dark ? 0 : 1;
    } catch {
      return undefined;
    }
  }

  /**
   * The compact view's height before it reports its own, so that nothing
   * below it moves when it arrives: [width, height] in px, measured on the
   * release build (2026-11-30, headless Chromium on Linux, system-ui) for a
   * plan that fits its budget, the common case. A plan that does not fit is
   * taller (1,038 px at 720 px), and grows after it reports; frames report as
   * soon as they render, off screen too, so usually before the reader is there.
   * The Embed dialog's snippets reserve the same on the placeholder
   * (`src/model/report.rs`), for the time before this script runs.
   */
  const COMPACT_HEIGHTS = [[320, 879], [360, 834], [390, 786], [480, 695], [600, 677], [720, 658]];
  function compactHeight(width) {
    const table = COMPACT_HEIGHTS;
    if (!(width > table[0][0])) return table[0][1];
    for (let i = 1; i < table.length; i++) {
      const [w0, h0] = table[i - 1];
      const [w1, h1] = table[i];
      if (width <= w1) return Math.round(h0 + ((h1 - h0) * (width - w0)) / (w1 - w0));
    }
    return table.at(-1)[1];
  }

  /** Drops the snippet's min-height (a clamp()), and only that: the page's own stays. */
  function forgetReserve(element) {
    if (element.style.minHeight.startsWith('clamp(')) element.style.minHeight = '';
  }

  /** What a placeholder asks for, read before anything on the page changes. */
  function read(element) {
    const values = dataValues(element);
    return { element, values, theme: themeFor(values.theme, element), width: element.clientWidth };
  }

  /** Replaces a placeholder (read by `read`) with its frame, which loads in turn. */
  function frame({ element, values, theme, width }) {
    if (element.querySelector(FRAME)) return;
    const iframe = document.createElement('iframe');
    iframe.dataset.src = new URL('?' + queryFor(values, true, theme), base).href;
    iframe.title = element.getAttribute('aria-label') || 'Evidence Ladder calculator';
    // Not lazy: a frame below the fold must load and report its height at
    // once, or it grows under the reader when scrolled into view (`pump`
    // only keeps a few loading at a time).
    // The blog's address is none of the app host's business.
    iframe.referrerPolicy = 'no-referrer';
    iframe.setAttribute('data-evidence-ladder-frame', '');
    frames.add(iframe);
    nearness?.observe(iframe);
    // The full calculator gets only a theme the page asked for.
    iframe.dataset.full = new URL('?' + queryFor(values, false, values.theme), base).href;
    iframe.style.cssText = `display:block;width:100%;border:0;height:${compactHeight(width)}px;color-scheme:normal`;
    // Until the frame reports its height, a link to the calculator sits over
    // its top: if the app's host refuses to be framed (frame-ancestors), the
    // browser shows only a grey box, and this link is what the reader gets.
    const box = document.createElement('div');
    box.style.cssText = 'position:relative';
    const link = linkTo(iframe.dataset.full, ' (loading it here…)');
    link.setAttribute('data-evidence-ladder-link', '');
    link.style.cssText =
      'position:absolute;top:0;left:0;margin:0;padding:0.4em 0.6em;background:Canvas;color:CanvasText;' +
      'font:14px/1.4 system-ui,sans-serif;border-radius:0 0 4px 0';
    box.append(iframe, link);
    element.replaceChildren(box);
    // Reserved by the snippet for the time before this script ran; the frame's own height takes over.
    forgetReserve(element);
    waiting.push(iframe);
  }

  // Frames start loading a few at a time: 200 placeholders loading 200 apps
  // at once starved each other (issue 34: 104 of 200 reported a height
  // within 120 s). Each frame frees its place when it reports its height or
  // after TIMEOUT_MS.
  const MAX_LOADING = 4;
  const SLOT_MS = 60000;
  const waiting = [];
  let loading = 0;
  // Frames near the viewport stay loaded; one far from it is parked (its
  // page unloaded, its height kept) once it has reported its height, and
  // loads again when the reader comes near. Why: one renderer process holds
  // about 124 wasm instances (each reserves 8 GB of address space, and V8
  // stops at about 1 TB), so 200 live calculators left 76 frames that never
  // started (issue 34). "Near" is two screens either way: a reader scrolling
  // reaches a parked frame after it has started loading again.
  const near = new Set();
  const nearness =
    'IntersectionObserver' in window
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (entry.isIntersecting) {
                near.add(entry.target);
                if (entry.target.dataset.parked !== undefined) {
                  waiting.unshift(entry.target);
                  pump();
                }
              } else {
                near.delete(entry.target);
                if (entry.target.dataset.sized !== undefined) park(entry.target);
              }
            }
          },
          { rootMargin: '200% 0px' },
        )
      : undefined;

  /** Unloads a sized frame that is far from the viewport; its box keeps its height. */
  function park(iframe) {
    if (!nearness || near.has(iframe) || !iframe.isConnected || iframe.dataset.parked !== undefined) return;
    iframe.dataset.parked = '';
    iframe.src = 'about:blank';
  }

  function pump() {
    while (loading < MAX_LOADING && waiting.length) {
      const iframe = waiting.shift();
      if (!iframe.isConnected) continue;
      if (iframe.dataset.parked !== undefined) {
        if (!near.has(iframe)) continue;
        delete iframe.dataset.parked;
      } else if (iframe.src) continue;
      loading++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        loading--;
        pump();
      };
      iframe.evidenceLadderLoaded = finish;
      iframe.src = iframe.dataset.src;
      setTimeout(() => {
        const link = iframe.parentElement?.querySelector('[data-evidence-ladder-link]');
        if (!iframe.dataset.sized && link) link.lastChild.textContent = ' (it could not be shown here).';
      }, TIMEOUT_MS);
      // A slow frame keeps its place longer than it takes to say so: freeing
      // places at TIMEOUT_MS on a busy machine only started more frames,
      // each slower still.
      setTimeout(finish, SLOT_MS);
    }
  }

  // Placeholders found and not yet upgraded, upgraded in slices: reading a
  // few placeholders first and then writing their frames costs one style
  // recalculation per few instead of one per placeholder, and no slice
  // holds the host's main thread much longer than SLICE_MS (200 placeholders
  // once blocked it 2.7 s). Inserting a frame costs about 7 ms in Chromium
  // (it creates a browsing context), so a batch is three.
  const SLICE_MS = 30;
  const BATCH = 3;
  const found = [];
  let sliceQueued = false;
  function upgradeSoon(elements) {
    found.push(...elements);
    if (sliceQueued) return;
    sliceQueued = true;
    setTimeout(slice, 0);
  }
  function slice() {
    const started = performance.now();
    while (found.length && performance.now() - started < SLICE_MS) {
      const batch = found.splice(0, BATCH).filter((el) => el.isConnected && !el.querySelector(FRAME));
      batch.map(read).forEach(frame);
    }
    pump();
    sliceQueued = found.length > 0;
    if (sliceQueued) setTimeout(slice, 0);
  }

  /** <p><a href=…>Open the Evidence Ladder calculator</a>{note}</p> */
  function linkTo(href, note) {
    const text = document.createElement('p');
    const link = document.createElement('a');
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = 'Open the Evidence Ladder calculator';
    text.append(link, note);
    return text;
  }

  /** Where a page's CSP refuses frames: a link instead of an empty box. */
  function refused(iframe) {
    iframe.evidenceLadderLoaded?.();
    (iframe.parentElement ?? iframe).replaceWith(linkTo(iframe.dataset.full, ' (this page does not allow it to be shown here).'));
  }

  document.addEventListener('securitypolicyviolation', (event) => {
    if (!/^(?:frame|child|default)-src/.test(event.effectiveDirective)) return;
    if (!String(event.blockedURI).startsWith(appOrigin)) return;
    liveFrames().forEach((iframe) => {
      if (iframe.src.startsWith(event.blockedURI) && !iframe.dataset.sized) refused(iframe);
    });
  });

  window.addEventListener('message', (event) => {
    if (event.origin !== appOrigin) return;
    // Looked up on every message, not remembered: a frame moved in the DOM
    // reloads with a new window.
    const iframe = liveFrames().find((f) => f.contentWindow === event.source);
    if (!iframe) return;
    const data = event.data;
    if (!data || data.type !== MESSAGE) return;
    const height = data.height;
    if (typeof height !== 'number' || !Number.isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    iframe.style.height = Math.ceil(height) + 'px';
    iframe.dataset.sized = '';
    iframe.evidenceLadderLoaded?.();
    iframe.parentElement?.querySelector('[data-evidence-ladder-link]')?.remove();
    // Sized: far from the reader, it gives its place to frames still to load.
    park(iframe);
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
      /** A build file, fetched with its integrity. */
      const checked = async (name, integrity) => {
        const url = new URL(name, base);
        const file = await fetch(url, { integrity }).catch(() => {
          throw new Error(`Evidence Ladder: cannot load ${url}, or it does not match its integrity`);
        });
        if (!file.ok) throw new Error(`Evidence Ladder: cannot load ${url} (HTTP ${file.status})`);
        return file;
      };
      // Both at once. The JS too is fetched with its integrity, and each
      // calculator imports exactly these checked bytes from a blob: URL
      // (import() itself takes no integrity). A page whose CSP has
      // script-src needs blob: in it.
      const [wasm, js] = await Promise.all([
        checked(assets.wasm, assets.wasm_integrity),
        checked(assets.js, assets.js_integrity),
      ]);
      const source = new Blob([await js.arrayBuffer()], { type: 'text/javascript' });
      const module = await WebAssembly.compile(await wasm.arrayBuffer());
      return { source, css: new URL(assets.css, base).href, cssIntegrity: assets.css_integrity, module };
    })();
    build.catch(() => {
      build = undefined;
    });
    return build;
  }

  // Each calculator gets its own instance of the app (a distinct module URL
  // gives a distinct module): a panic in one stops only that one.
  async function newInstance({ source, module }) {
    const url = URL.createObjectURL(source);
    let app;
    try {
      app = await import(url);
    } finally {
      URL.revokeObjectURL(url);
    }
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
   * Renders a calculator into `element`. `options` takes the inputs by name
   * (every key but `theme` and `compact` goes to the app, which accepts or
   * refuses each), plus `theme` ("light", "dark" or "auto"; by default the
   * one that suits the page's background) and `compact` (default true).
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
    // Read every option before touching the page: a throwing getter leaves it
    // as it was. Own properties only, into an object without a prototype, so
    // an `Object.prototype.compact` or `.theme` the page set changes nothing.
    const values = Object.create(null);
    for (const key of Object.keys(options)) values[snake(key)] = options[key];
    const compact = values.compact !== false;
    const theme = themeFor(values.theme, element);
    const query = queryFor(values, compact, theme);

    const token = {};
    latest.set(element, token);
    const host = document.createElement('div');
    host.toggleAttribute('data-evidence-ladder-mount', true);
    // The page's CSS reaches a shadow root through inheritance (`.post *
    // { color: red }` matches the host) and custom properties. Inline and
    // important, these beat any page rule on the host; the stylesheet inside
    // sets every variable on the calculator's own root, which no page rule
    // can select. (`all` leaves custom properties alone, hence both.)
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    // `all` leaves out direction and unicode-bidi: an rtl page would flip the calculator.
    host.style.setProperty('direction', 'ltr', 'important');
    host.style.setProperty('unicode-bidi', 'isolate', 'important');
    // Until the calculator is on screen, the room it will take, so that the
    // page below it does not jump when it arrives.
    if (compact) host.style.setProperty('min-height', `${compactHeight(element.clientWidth)}px`, 'important');
    const shadow = host.attachShadow({ mode: 'open' });
    const root = document.createElement('div');
    root.toggleAttribute('data-evidence-ladder-root', true);
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
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
      style.crossOrigin = 'anonymous';
      style.integrity = loaded.cssIntegrity;
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
    // On screen: its own height from now on (the snippet's reservation too).
    host.style.removeProperty('min-height');
    forgetReserve(element);
    return host;
  };

  /** Upgrades every placeholder in `scope` (the document by default) not yet upgraded. */
  api.scan = (scope = document) => {
    const elements = [...scope.querySelectorAll('[data-evidence-ladder]')];
    if (scope.matches?.('[data-evidence-ladder]')) elements.unshift(scope);
    upgradeSoon(elements);
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
