// Kompetensi ASN — the preview's service worker (`kompetensi serve`, `mkdocs serve`): it
// replaces a published site's worker that a browser once installed on this origin, deletes that
// site's caches, unregisters itself and reloads the open pages, so a preview is never served
// from a cache of the published site.

"use strict";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const root = new URL("./", self.location.href).href;
      for (const name of await caches.keys()) {
        if (name.startsWith(`kompetensi-asn ${root} `)) await caches.delete(name);
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) {
        client.navigate(client.url);
      }
    })(),
  );
});
