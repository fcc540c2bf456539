/*
 * Offline support for the full app (release builds only: the post-build hook
 * adds this script). Registers sw.js; when a new deploy is waiting, shows
 * "Update available" and, on Reload, tells the waiting worker to take over.
 * Every open tab of the app then reloads once onto the new version. Never
 * skips waiting on its own.
 */
(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (params.get('embed') === '1') return; // an embedded calculator is not the app
  // In an iframe sandboxed without allow-same-origin (an opaque origin),
  // merely reading navigator.serviceWorker throws a SecurityError: no
  // offline support there, and no uncaught error either.
  let container;
  try {
    container = navigator.serviceWorker;
  } catch {
    return;
  }
  if (!container) return;

  const banner = document.getElementById('update');
  // A page that had a worker when it loaded runs a version that worker
  // served; a new controller means an accepted update (a waiting worker only
  // takes over when a tab asks), so every tab follows it. The first install
  // also changes the controller (clients.claim) and must not reload.
  let controlled = Boolean(container.controller);
  let reloading = false;

  function offer(worker) {
    if (!banner || !container.controller) return; // first install: nothing to update
    banner.hidden = false;
    banner.querySelector('button').onclick = () => {
      // Another tab may have accepted already: then just load the new version.
      if (worker.state === 'installed') worker.postMessage('skip-waiting');
      else location.reload();
    };
  }

  container.addEventListener('controllerchange', () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    if (reloading) return;
    reloading = true;
    location.reload();
  });

  async function registerWorker() {
    let registration;
    try {
      registration = await container.register('./sw.js', { scope: './' });
    } catch (error) {
      console.warn('Evidence Ladder: offline support unavailable', error);
      return;
    }
    // A new version may be found at any point: before this page registered
    // (already waiting or installing) or later (updatefound).
    const track = (worker) => {
      if (!worker) return;
      if (worker.state === 'installed') offer(worker);
      else worker.addEventListener('statechange', () => worker.state === 'installed' && offer(worker));
    };
    track(registration.waiting);
    track(registration.installing);
    registration.addEventListener('updatefound', () => track(registration.installing));
    // Look for a new deploy when the page comes back into view.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => {});
    });
  }

  // Registered once loader.js has the app's files (it says so with an
  // event, started or failed) and the page is idle, so after the app's
  // takeover. Installing downloads every file of the build again, from the
  // network and checked against this build's integrity; registered at
  // `load`, on a first visit that download shared the link with the app's
  // own wasm, and the app ran 1.6x later (a shared 1.6 Mbps link with
  // 150 ms latency: 4.1 s to the calculator's `data-ready` against 2.5 s).
  // Where loader.js never runs, 10 s after `load`.
  let asked = false;
  const register = () => {
    if (asked) return;
    asked = true;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(registerWorker, { timeout: 2000 });
    else setTimeout(registerWorker, 0);
  };
  window.addEventListener('evidence-ladder-loaded', register, { once: true });
  window.addEventListener('load', () => setTimeout(register, 10000));
})();
