/*
 * Offline support for the full app (release builds only: the post-build hook
 * adds this script). Registers sw.js; when a new deploy is waiting, shows
 * "Update available" and, on Reload, tells the waiting worker to take over
 * and reloads once when it has. Never skips waiting on its own.
 */
(() => {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  const params = new URLSearchParams(location.search);
  if (params.get('embed') === '1') return; // an embedded calculator is not the app

  const banner = document.getElementById('update');
  // Reload only after the user accepted an update: the first install also
  // changes the controller (clients.claim), and must not reload the page.
  let accepted = false;
  let reloading = false;

  function offer(worker) {
    if (!banner || !navigator.serviceWorker.controller) return; // first install: nothing to update
    banner.hidden = false;
    banner.querySelector('button').onclick = () => {
      accepted = true;
      worker.postMessage('skip-waiting');
    };
  }

  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!accepted || reloading) return;
    reloading = true;
    location.reload();
  });

  window.addEventListener('load', async () => {
    let registration;
    try {
      registration = await navigator.serviceWorker.register('./sw.js', { scope: './' });
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
  });
})();
