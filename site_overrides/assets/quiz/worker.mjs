// Kompetensi ASN — the assessment engine's Web Worker (module worker).
//
// Loads Pyodide from the site itself, installs the engine wheel with micropip from the site's
// own URL, loads the exported dictionary, then answers the page's calls. No scoring happens
// here: every call goes to generator.browser.bridge (Python) and its JSON text comes back as is.
// Every failure is reported as {code, detail}; the page turns codes into Indonesian messages.

"use strict";

// The smallest valid WebAssembly module: compiling it tells whether the CSP allows wasm.
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

// The bridge functions the page may call (generator/browser/bridge.py).
const CALLS = new Set(["run_assessment", "run_comparison", "run_report"]);
// The /rekap/ page's calls (generator/browser/recap_bridge.py), imported on the first of them.
const RECAP_CALLS = new Set(["recap_start", "recap_add", "recap_summary", "recap_download"]);
let recapBridge = null;

let pyodide = null;
let bridge = null;
let booting = false;
let ready = false;
let failed = false;
let stage = "runtime";

class BootError extends Error {
  constructor(code, detail) {
    super(detail);
    this.code = code;
    this.detail = detail;
  }
}

function describe(reason) {
  // Pyodide sometimes rejects with a non-Error (e.g. a failed Response): make it readable.
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  if (reason && typeof reason === "object") {
    if ("status" in reason && "url" in reason) return `HTTP ${reason.status} ${reason.url}`;
    try {
      return JSON.stringify(reason);
    } catch (_) {
      return Object.prototype.toString.call(reason);
    }
  }
  return String(reason);
}

function progress(name) {
  stage = name;
  self.postMessage({ type: "progress", stage: name });
}

async function step(code, action) {
  try {
    return await action();
  } catch (reason) {
    if (reason instanceof BootError) throw reason;
    throw new BootError(code, describe(reason));
  }
}

// Pyodide 314 only logs "wasm instantiation failed!" and then never settles when the .wasm
// is missing, blocked or served with the wrong MIME type. Watch for that warning so the page
// hears about it at once instead of waiting for its watchdog.
function wasmFailureWatch() {
  let fail;
  const promise = new Promise((_, reject) => {
    fail = reject;
  });
  const original = console.warn;
  let armed = false;
  console.warn = (...args) => {
    original.apply(console, args);
    const first = args[0];
    if (armed) {
      fail(new BootError("wasm", describe(first)));
    } else if (typeof first === "string" && first.includes("wasm instantiation failed")) {
      armed = true;
      setTimeout(() => fail(new BootError("wasm", first)), 50);
    }
  };
  return { promise, restore: () => (console.warn = original) };
}

async function fetchText(code, url) {
  const response = await step(code, () => fetch(url, { credentials: "same-origin" }));
  if (!response.ok) throw new BootError(code, `HTTP ${response.status} ${url}`);
  return step(code, () => response.text());
}

async function boot(config) {
  const started = performance.now();
  const timings = {};
  const mark = (name) => (timings[name] = Math.round(performance.now() - started));

  if (typeof WebAssembly !== "object" || typeof WebAssembly.compile !== "function") {
    throw new BootError("no-wasm", "WebAssembly is not available in this worker");
  }
  await step("csp-wasm", () => WebAssembly.compile(EMPTY_WASM));
  // The export does not need Python: fetch it while Pyodide loads. A failure is reported at
  // the "data" stage, where it was reported before; the catch only keeps it from counting as
  // an unhandled rejection of whatever stage is running meanwhile.
  const exportText = fetchText("data", config.exportUrl);
  exportText.catch(() => {});

  progress("runtime");
  const module = await step("runtime", () => import(config.pyodide + "pyodide.mjs"));
  mark("runtime_module");

  progress("python");
  const log = [];
  const watch = wasmFailureWatch();
  try {
    pyodide = await Promise.race([
      step("python", () =>
        module.loadPyodide({
          indexURL: config.pyodide,
          lockFileURL: config.pyodide + "pyodide-lock.json",
          stdout: () => {},
          stderr: (line) => log.push(line),
        }),
      ),
      watch.promise,
    ]);
  } finally {
    watch.restore();
  }
  mark("python");

  progress("micropip");
  const errors = [];
  await step("micropip", () =>
    pyodide.loadPackage("micropip", {
      messageCallback: () => {},
      errorCallback: (message) => errors.push(message),
    }),
  );
  // loadPackage resolves even when the wheel is missing: importing is the real check.
  const micropip = await step("micropip", async () => {
    try {
      return pyodide.pyimport("micropip");
    } catch (reason) {
      throw new Error([...errors, describe(reason)].join("; "));
    }
  });
  mark("micropip");

  progress("engine");
  await step("engine", () => micropip.install(config.wheel));
  micropip.destroy();
  bridge = await step("engine", () => pyodide.pyimport("generator.browser.bridge"));
  mark("engine");

  progress("data");
  const loaded = JSON.parse(bridge.load(await exportText));
  if (!loaded.ok) throw new BootError("dictionary", `${loaded.message} ${loaded.detail || ""}`);
  if (loaded.standards_version !== config.standardsVersion) {
    throw new BootError(
      "version-mismatch",
      `${loaded.standards_version} != ${config.standardsVersion}`,
    );
  }
  mark("data");
  return { info: loaded, timings, pyodideVersion: pyodide.version };
}

function call(message) {
  if (!bridge) {
    self.postMessage({ type: "reply", id: message.id, error: { code: "not-ready", detail: "" } });
    return;
  }
  let text;
  try {
    let target = bridge;
    if (RECAP_CALLS.has(message.fn)) {
      recapBridge = recapBridge || pyodide.pyimport("generator.browser.recap_bridge");
      target = recapBridge;
    } else if (!CALLS.has(message.fn)) {
      throw new Error(`unknown function ${message.fn}`);
    }
    text = target[message.fn](message.payload);
  } catch (reason) {
    const detail = describe(reason);
    self.postMessage({ type: "reply", id: message.id, error: { code: "python", detail } });
    // After a fatal error Pyodide cannot run anything again: the page needs a fresh worker.
    if (/fatal error/i.test(detail)) self.postMessage({ type: "fatal", detail });
    return;
  }
  self.postMessage({ type: "reply", id: message.id, text });
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === "boot") {
    if (booting) return;
    booting = true;
    try {
      const outcome = await boot(message);
      ready = true;
      self.postMessage({ type: "ready", ...outcome });
    } catch (reason) {
      const error = reason instanceof BootError ? reason : new BootError("crash", describe(reason));
      fail(error.code, error.detail);
    }
  } else if (message.type === "call") {
    call(message);
  }
});

// Running out of memory surfaces at whatever stage asked for it (mostly "python", when the
// WebAssembly instance cannot reserve its memory), and that stage's message would send the
// reader looking for a missing file: name it for what it is.
const OUT_OF_MEMORY = /\bout of memory\b|cannot allocate|\bMemoryError\b/i;

function fail(code, detail) {
  if (failed) return;
  failed = true;
  const named = OUT_OF_MEMORY.test(detail || "") ? "memory" : code;
  self.postMessage({ type: "boot-failed", code: named, detail });
}

// Pyodide 314 leaves some load failures (e.g. a missing python_stdlib.zip) as unhandled
// rejections while loadPyodide() itself may never settle: report them against the current
// stage, after a moment in which the regular rejection can still arrive first. Once the start
// has failed, the rejections that follow belong to the same failure (an out-of-memory start
// rejects twice, and on a busy machine the second comes after the first was reported): they
// are handled too, not left to surface as uncaught errors.
self.addEventListener("unhandledrejection", (event) => {
  if (ready) return;
  event.preventDefault(); // handled: it becomes the page's message below, or already has
  if (failed) return;
  const detail = describe(event.reason);
  setTimeout(() => {
    if (!ready) fail(stage, detail);
  }, 500);
});
