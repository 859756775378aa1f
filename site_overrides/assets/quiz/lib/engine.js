// The engine's Web Worker seen from the page: start, watchdog, calls, failures, retry.
//
// Pyodide can hang forever (a blocked .wasm, a CSP without 'wasm-unsafe-eval'), so every load
// runs under a watchdog that fires when no progress arrives for a while; a retry always starts
// a fresh worker. Failure codes from the worker become the Indonesian messages below.

const DEFAULT_WATCHDOG_MS = 90000;
const MAX_WATCHDOG_MS = 600000;
const CALL_TIMEOUT_MS = 60000;

export const STAGES = {
  runtime: "mengunduh Pyodide",
  python: "menyiapkan Python",
  micropip: "memasang micropip",
  engine: "memasang paket mesin penilaian",
  data: "memuat data standar kompetensi",
};

export const FAILURES = {
  "no-wasm":
    "Peramban ini tidak mendukung WebAssembly, yang diperlukan mesin penilaian. Gunakan versi terbaru Chrome, Edge, Firefox, atau Safari, atau minta pengelola TI mengaktifkan WebAssembly.",
  "no-worker":
    "Peramban ini tidak mendukung Web Worker modul, yang diperlukan mesin penilaian. Gunakan versi terbaru Chrome, Edge, Firefox, atau Safari.",
  "csp-wasm":
    "Kebijakan keamanan (Content Security Policy) situs ini tidak mengizinkan WebAssembly ('wasm-unsafe-eval'), sehingga mesin penilaian tidak dapat berjalan. Mohon sampaikan kepada pengelola situs.",
  runtime: "Berkas program mesin penilaian (Pyodide) gagal dimuat dari server.",
  wasm: "Berkas WebAssembly mesin penilaian gagal dimuat: berkas tidak ditemukan, diblokir, atau dikirim dengan jenis MIME yang salah (server harus mengirim .wasm sebagai application/wasm).",
  python:
    "Python di peramban gagal dimulai; kemungkinan pustaka standar Python (python_stdlib.zip) tidak dapat dimuat dari server.",
  micropip: "Pemasang paket Python (micropip) gagal dimuat dari server.",
  engine: "Paket mesin penilaian gagal dipasang dari server.",
  data: "Data standar kompetensi gagal dimuat dari server.",
  dictionary: "Data standar kompetensi tidak dapat dipakai oleh mesin penilaian.",
  memory:
    "Memori perangkat tidak cukup untuk menjalankan mesin penilaian. Tutup tab atau aplikasi lain, lalu tekan “Coba lagi”; bila masih gagal, gunakan perangkat dengan memori yang lebih besar.",
  "version-mismatch":
    "Data standar kompetensi di server tidak cocok dengan versi halaman ini. Muat ulang halaman untuk mendapatkan versi terbaru.",
  crash: "Mesin penilaian berhenti secara tak terduga.",
  timeout:
    "Mesin penilaian tidak selesai dimuat dalam {seconds} detik. Koneksi mungkin lambat, atau ada berkas yang diblokir.",
};

// The worker the page may have started before any module ran (the inline script at the top of
// the quiz, see generator/quiz/templates/asesmen.html): Pyodide's boot is most of the wait, and
// that script runs while the parser is still reading the long form, a few hundred ms before the
// controller binds it. It keeps what the worker says until an Engine takes the worker over.
function takeEarlyWorker(config) {
  const early = window.KompetensiEarlyEngine;
  if (!early || early.taken) return null;
  early.taken = true;
  const same =
    early.worker &&
    early.url === config.workerUrl &&
    JSON.stringify(early.boot) === JSON.stringify(config.boot);
  if (same) return early;
  // Started for another page or version (instant navigation): of no use here.
  if (early.worker) early.worker.terminate();
  return null;
}

// A worker started early for a quiz the reader has left before it bound.
export function dropEarlyWorker() {
  const early = window.KompetensiEarlyEngine;
  if (early && !early.taken) {
    early.taken = true;
    if (early.worker) early.worker.terminate();
  }
}

// ?kq-watchdog=<ms> shortens the watchdog (tests) or lengthens it (very slow links).
function watchdogFromUrl() {
  const value = Number(new URLSearchParams(location.search).get("kq-watchdog"));
  return Number.isFinite(value) && value >= 1000
    ? Math.min(value, MAX_WATCHDOG_MS)
    : DEFAULT_WATCHDOG_MS;
}

export class Engine {
  // config: {workerUrl, boot: {...}}; handlers: onLoading(text), onReady(), onFailed(code, text, detail)
  constructor(config, handlers) {
    this.config = config;
    this.handlers = handlers;
    this.state = "loading";
    this.worker = null;
    this.calls = new Map();
    this.nextId = 1;
    this.watchdogMs = watchdogFromUrl();
    this.lastFailure = null;
    this.timings = null;
    this.waiting = null; // the DOMContentLoaded listener of a start that waits for it
  }

  start() {
    this.stop();
    if (this.state === "error" && this.lastFailure === "timeout") {
      // A retry after a timeout is usually a slow connection: give it more time.
      this.watchdogMs = Math.min(this.watchdogMs * 2, MAX_WATCHDOG_MS);
    }
    this.state = "loading";
    this.handlers.onLoading("Memuat mesin penilaian… Anda dapat mulai menjawab sekarang.");
    if (document.readyState === "loading") {
      // The first start waits for the theme's start-up, as start-engine.js does (why: there).
      const waiting = () => setTimeout(() => this.waiting === waiting && this.start(), 0);
      this.waiting = waiting;
      document.addEventListener("DOMContentLoaded", waiting, { once: true });
      return;
    }
    // Only the first start may take the early worker: a retry always starts a fresh one.
    const early = takeEarlyWorker(this.config);
    if (!early) {
      performance.clearMarks("kq:engine-start");
      performance.mark("kq:engine-start");
    }
    if (typeof WebAssembly !== "object" || WebAssembly === null) {
      this.fail("no-wasm", "WebAssembly is not defined");
      return;
    }
    if (typeof Worker !== "function") {
      this.fail("no-worker", "Worker is not defined");
      return;
    }
    let worker;
    try {
      worker = early
        ? early.worker
        : new Worker(this.config.workerUrl, { type: "module", name: "kompetensi-engine" });
    } catch (error) {
      this.fail("no-worker", String(error));
      return;
    }
    this.worker = worker;
    const failed = (detail) => {
      if (worker === this.worker) {
        this.fail("crash", detail || "the worker stopped (its script failed or crashed)");
      }
    };
    worker.addEventListener("message", (event) => this.message(worker, event.data || {}));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      failed(event.message);
    });
    worker.addEventListener("messageerror", () => failed("messageerror"));
    if (!early) worker.postMessage({ type: "boot", ...this.config.boot });
    this.arm();
    // What the early worker said before this Engine listened, in order. All of it happens in
    // this task, so nothing new can arrive in between.
    for (const [type, data] of early ? early.events : []) {
      if (type === "message") this.message(worker, data || {});
      else failed(data);
    }
  }

  arm() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.state === "loading") this.fail("timeout", `no progress for ${this.watchdogMs} ms`);
    }, this.watchdogMs);
  }

  stop() {
    if (this.waiting) document.removeEventListener("DOMContentLoaded", this.waiting);
    this.waiting = null;
    clearTimeout(this.watchdog);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const call of this.calls.values()) {
      clearTimeout(call.timer);
      call.reject({ code: "crash", detail: "the engine was stopped" });
    }
    this.calls.clear();
  }

  message(worker, message) {
    if (worker !== this.worker) return;
    if (message.type === "progress") {
      const stage = STAGES[message.stage] || message.stage;
      this.handlers.onLoading(`Memuat mesin penilaian… (${stage})`);
      this.arm();
    } else if (message.type === "ready") {
      clearTimeout(this.watchdog);
      performance.mark("kq:engine-ready");
      performance.measure("kq:engine", "kq:engine-start", "kq:engine-ready");
      this.timings = message.timings;
      this.state = "ready";
      this.handlers.onReady();
    } else if (message.type === "boot-failed" || message.type === "fatal") {
      this.fail(message.type === "fatal" ? "crash" : message.code, message.detail);
    } else if (message.type === "reply") {
      const call = this.calls.get(message.id);
      if (!call) return;
      this.calls.delete(message.id);
      clearTimeout(call.timer);
      if (message.error) call.reject(message.error);
      else call.resolve(JSON.parse(message.text));
    }
  }

  fail(code, detail) {
    this.stop();
    this.state = "error";
    this.lastFailure = code;
    const seconds = String(Math.round(this.watchdogMs / 1000));
    const text = (FAILURES[code] || FAILURES.crash).replace("{seconds}", seconds);
    this.handlers.onFailed(code, text, `${code}: ${detail || ""}`);
  }

  // The bridge's JSON answer to one call (a promise); rejects with {code, detail}.
  call(fn, payload) {
    return new Promise((resolve, reject) => {
      if (!this.worker || this.state !== "ready") {
        reject({ code: "not-ready", detail: this.state });
        return;
      }
      const id = this.nextId++;
      // Serialised before the timer starts: a large request's JSON.stringify (on a slow phone)
      // is not the engine's time, and must not count against CALL_TIMEOUT_MS.
      const body = JSON.stringify(payload);
      const timer = setTimeout(() => {
        if (!this.calls.has(id)) return;
        this.calls.delete(id);
        reject({ code: "timeout", detail: `${fn} took longer than ${CALL_TIMEOUT_MS} ms` });
        this.fail("crash", `${fn} did not answer`);
      }, CALL_TIMEOUT_MS);
      this.calls.set(id, { resolve, reject, timer });
      this.worker.postMessage({ type: "call", id, fn, payload: body });
    });
  }
}
