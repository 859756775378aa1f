// Kompetensi ASN — the service worker, written by the build (generator/offline/): the manifest
// below lists this build's files, each with a revision (a hash of its bytes), as Workbox's
// precaching does.
//
// - One cache per build, named after it. Installing fills a new cache (a file whose revision
//   the previous build had is copied from its cache, the rest is fetched and compared with its
//   revision); activating deletes the older caches of this site. A page and the engine from two
//   builds are never combined: offline, every file comes from the one cache of one build.
// - Pages and the files without a hash in their name: network first, this build's cache when
//   the network fails. Files with a hash or a pinned version in their path: cache first.
// - "core" (pages, styles, scripts, search index) is cached on install; "quiz" (Pyodide, the
//   engine wheel, the data) once the self-assessment has loaded, when the page asks for it,
//   and again by every later build's worker for a reader who had it.
// - A new build's worker waits. The page says so in one line; the next navigation of the only
//   open page activates it (a reload, never in the middle of a questionnaire: answers are kept
//   by the page in localStorage, which no worker touches).

"use strict";

const MANIFEST = __MANIFEST__;

const ROOT = new URL("./", self.location.href).href; // the site root, wherever it is published
const PREFIX = `kompetensi-asn ${ROOT} `; // caches of another site on this origin are not ours
const CACHE = PREFIX + MANIFEST.build;
const QUIZ_MARK = ROOT + "__kompetensi-quiz-cached";
const KEPT_HEADERS = [
  "content-type",
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
];
const PARALLEL = 6;

const FILES = new Map();
for (const [url, revision, group, immutable, checked] of MANIFEST.files) {
  FILES.set(new URL(url, ROOT).href, {
    revision,
    group,
    immutable: immutable === 1,
    checked: checked === 1,
  });
}

function cacheKey(url, file) {
  return `${url}?__revision=${file.revision}`;
}

// The manifest's name for a request: no query or fragment (the search adds ?h=), a page by
// its folder.
function manifestUrl(requestUrl) {
  const url = new URL(requestUrl);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -10);
  return url.href;
}

async function revisionOf(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest.slice(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function keptHeaders(headers) {
  const kept = new Headers();
  for (const name of KEPT_HEADERS) if (headers.has(name)) kept.set(name, headers.get(name));
  return kept;
}

async function ourOldCaches() {
  const names = await caches.keys();
  return names.filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

// A response to store for ``file``: its bytes, checked against the revision where the
// manifest asks, with the headers that matter and none that describe the transfer.
async function storable(response, url, file) {
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if (file.checked && (await revisionOf(body)) !== file.revision) {
    throw new Error(`${url}: not the file of build ${MANIFEST.build}`);
  }
  return new Response(body, { status: 200, headers: keptHeaders(response.headers) });
}

async function store(cache, url, file, oldCaches) {
  const key = cacheKey(url, file);
  if (await cache.match(key)) return;
  for (const name of oldCaches) {
    const kept = await (await caches.open(name)).match(key);
    if (kept) return cache.put(key, kept);
  }
  const request = (mode) => fetch(url, { cache: mode, credentials: "same-origin" });
  if (!file.immutable) return cache.put(key, await storable(await request("no-cache"), url, file));
  try {
    return cache.put(key, await storable(await request("default"), url, file));
  } catch (error) {
    // The HTTP cache may keep an older build's bytes under a pinned path for a year (the
    // runtime folder is named after Pyodide's version, and a build may change a file in it):
    // ask the server once before giving up, or this build could never install.
    return cache.put(key, await storable(await request("reload"), url, file));
  }
}

async function precache(group) {
  const cache = await caches.open(CACHE);
  const oldCaches = await ourOldCaches();
  const wanted = [...FILES].filter(([, file]) => file.group === group);
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const [url, file] = wanted[next++];
      await store(cache, url, file, oldCaches);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (group === "quiz") await cache.put(QUIZ_MARK, new Response(MANIFEST.build));
}

async function hadQuiz() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && (await (await caches.open(name)).match(QUIZ_MARK))) return true;
  }
  return false;
}

async function fromCache(url) {
  const file = FILES.get(url);
  if (!file) return undefined;
  const cache = await caches.open(CACHE);
  return cache.match(cacheKey(url, file));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const quiz = await hadQuiz();
      await precache("core");
      if (quiz) await precache("quiz");
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await ourOldCaches()) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const reply = (message) => event.ports[0] && event.ports[0].postMessage(message);
  if (event.data === "activate") {
    self.skipWaiting();
  } else if (event.data === "cache-quiz") {
    event.waitUntil(
      precache("quiz").then(
        () => reply({ quiz: true, build: MANIFEST.build }),
        (error) => reply({ quiz: false, error: String(error) }),
      ),
    );
  } else if (event.data === "status") {
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) => cache.match(QUIZ_MARK))
        .then((mark) => reply({ quiz: Boolean(mark), build: MANIFEST.build })),
    );
  }
});

const OFFLINE_PAGE = `<!doctype html><html lang="id"><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tidak ada jaringan</title><h1>Tidak ada jaringan</h1>
<p>Halaman ini belum tersimpan di perangkat Anda. Buka kembali setelah tersambung ke jaringan.</p>`;

async function navigate(request) {
  // A waiting worker of a newer build takes over at the next navigation of the only open page:
  // the page is being left anyway, and no other tab is in the middle of a questionnaire.
  const waiting = self.registration.waiting;
  if (waiting && (await self.clients.matchAll({ type: "window" })).length < 2) {
    waiting.postMessage("activate");
    return new Response("", { headers: { Refresh: "0" } });
  }
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fromCache(manifestUrl(request.url));
    if (cached) return cached;
    return new Response(OFFLINE_PAGE, {
      status: 503,
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  }
}

async function networkFirst(request, url) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fromCache(url);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(event, url) {
  const cached = await fromCache(url);
  if (cached) return cached;
  const response = await fetch(event.request);
  const file = FILES.get(url);
  if (response.ok && file) {
    const copy = response.clone();
    event.waitUntil(
      caches
        .open(CACHE)
        .then(async (cache) => cache.put(cacheKey(url, file), await storable(copy, url, file)))
        .catch(() => undefined), // another build's file under this name: not stored
    );
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
    return;
  }
  const url = manifestUrl(request.url);
  const file = FILES.get(url);
  if (!file) return; // not a file of this build: the network, as without a worker
  event.respondWith(file.immutable ? cacheFirst(event, url) : networkFirst(request, url));
});
