/*
 * Evidence Ladder's service worker, written by scripts/post-build.mjs for each
 * release build: VERSION is a hash of every file of the build and PRECACHE
 * lists them all with their integrity, so a deploy is one atomic cache that
 * never mixes old and new files.
 */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
// The scope is in the name: other apps on this origin, and other deployments
// of this one under other paths, have caches that are not ours to delete.
const PREFIX = `evidence-ladder:${self.registration.scope}:`;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  // Each file as the server has it now, never a fresh-looking HTTP cache entry
  // (a host's max-age would hand us the previous index.html): `no-cache`
  // asks the server every time, and where the page has just fetched a file
  // and the host sends validators (ETag, Last-Modified), the answer is a
  // 304 instead of the file's bytes a second time. Each file is checked
  // against this build's integrity: a half-finished deploy fails the install,
  // and the old version stays until the next try, rather than caching a mix.
  event.waitUntil(
    (async () => {
      const responses = await Promise.all(
        PRECACHE.map(async ([url, integrity]) => {
          const response = await fetch(new Request(url, { cache: 'no-cache', integrity }));
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          return [url, response];
        }),
      );
      await caches.delete(CACHE);
      const cache = await caches.open(CACHE);
      await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
    })(),
  );
  // No skipWaiting here: a new version waits until the page says the user agreed.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const app = new URL('./', self.location);
      if (request.mode === 'navigate' && (url.pathname === app.pathname || url.pathname === `${app.pathname}index.html`)) {
        // The app is index.html with a query; it must match the precached
        // assets of this version, so it comes from this cache, online or not.
        const page = await cache.match(app.href);
        if (page) return page;
      }
      const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
      return cached || fetch(request);
    })(),
  );
});
