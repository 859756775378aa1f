// Kompetensi ASN — glue between the self-assessment page and the Python engine.
//
// The form is static HTML made at build time; this script only: keeps answers (localStorage,
// with an in-memory fallback), starts the engine's Web Worker, sends the answers to it, and
// copies what the engine returns into the page with textContent. No scoring happens here.
// It survives Material's instant navigation: it subscribes to document$ and binds to the quiz
// root whenever one appears, and stops the worker when the reader leaves the page.

(function () {
  "use strict";

  if (window.KompetensiQuiz) {
    // Instant navigation re-evaluates the page's scripts: bind again, never twice.
    window.KompetensiQuiz.scan();
    return;
  }

  const FORMAT = "kompetensi-asn/jawaban";
  const FORMAT_VERSION = 1;
  const STORAGE_PREFIX = "kompetensi-asn:";
  const ANSWERS_PREFIX = STORAGE_PREFIX + "jawaban:";
  const SHARE_KEY = "jawaban";
  const MAX_FILE_BYTES = 1024 * 1024;
  const DEFAULT_WATCHDOG_MS = 90000;
  const CALL_TIMEOUT_MS = 60000;
  const DOC_KEYS = [
    "format",
    "format_version",
    "standards_version",
    "position",
    "targets",
    "total_jp",
    "ratings",
    "submitted",
    "result",
  ];

  const script =
    document.currentScript || document.querySelector('script[src*="assets/quiz/quiz.js"]');
  const scriptUrl = new URL(script ? script.src : "assets/quiz/quiz.js", location.href);
  const siteRoot = new URL("../../", scriptUrl);
  const assetVersion = scriptUrl.searchParams.get("v") || "";

  const STAGES = {
    runtime: "mengunduh Pyodide",
    python: "menyiapkan Python",
    micropip: "memasang micropip",
    engine: "memasang paket mesin penilaian",
    data: "memuat data standar kompetensi",
  };

  const FAILURES = {
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
    "version-mismatch":
      "Data standar kompetensi di server tidak cocok dengan versi halaman ini. Muat ulang halaman untuk mendapatkan versi terbaru.",
    crash: "Mesin penilaian berhenti secara tak terduga.",
    timeout: "Mesin penilaian tidak selesai dimuat dalam {seconds} detik. Koneksi mungkin lambat, atau ada berkas yang diblokir.",
  };

  // ---------------------------------------------------------------------------------------
  // Small DOM helpers: every text goes in through textContent.

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function attr(value) {
    return value === null || value === undefined ? "" : String(value);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isInteger(value) {
    return typeof value === "number" && Number.isInteger(value);
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function today() {
    try {
      return new Date().toLocaleDateString("id-ID", {
        day: "numeric",
        month: "long",
        year: "numeric",
      });
    } catch (_) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Storage: localStorage when it works, memory when it does not, and a notice either way.

  class Store {
    constructor(onProblem) {
      this.onProblem = onProblem;
      this.memory = new Map();
      this.mode = "local";
      try {
        this.local = window.localStorage;
        const probe = STORAGE_PREFIX + "uji";
        this.local.setItem(probe, "1");
        this.local.removeItem(probe);
      } catch (error) {
        this.local = null;
        this.mode = "memory";
        this.onProblem(error && error.name === "QuotaExceededError" ? "quota" : "disabled");
      }
    }

    get(key) {
      if (this.local) {
        try {
          return this.local.getItem(key);
        } catch (_) {
          this.fallBack("disabled");
        }
      }
      return this.memory.has(key) ? this.memory.get(key) : null;
    }

    set(key, value) {
      this.memory.set(key, value);
      if (!this.local) return;
      try {
        this.local.setItem(key, value);
      } catch (error) {
        const quota =
          error &&
          (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED");
        this.fallBack(quota ? "quota" : "disabled");
      }
    }

    remove(key) {
      this.memory.delete(key);
      if (!this.local) return;
      try {
        this.local.removeItem(key);
      } catch (_) {
        this.fallBack("disabled");
      }
    }

    keys(prefix) {
      const found = new Set([...this.memory.keys()].filter((key) => key.startsWith(prefix)));
      if (this.local) {
        try {
          for (let index = 0; index < this.local.length; index += 1) {
            const key = this.local.key(index);
            if (key && key.startsWith(prefix)) found.add(key);
          }
        } catch (_) {
          this.fallBack("disabled");
        }
      }
      return [...found];
    }

    fallBack(reason) {
      this.local = null;
      this.mode = "memory";
      this.onProblem(reason);
    }
  }

  // ---------------------------------------------------------------------------------------
  // The quiz bound to one page.

  class Quiz {
    constructor(root) {
      this.root = root;
      root.dataset.kqBound = "true";
      this.version = root.dataset.standardsVersion || "";
      this.defaultJp = Number(root.dataset.defaultJp || "20");
      this.storageKey = ANSWERS_PREFIX + this.version;
      this.byId = (id) => root.querySelector("#" + CSS.escape(id));
      this.form = this.byId("kq-form");
      this.position = this.form.elements.namedItem("position");
      this.jp = this.byId("kq-jp");
      this.indicators = [...root.querySelectorAll("[data-kq-indicator]")].map(
        (node) => node.dataset.kqIndicator,
      );
      this.indicatorSet = new Set(this.indicators);
      this.scaleValues = [
        ...root.querySelectorAll(`input[type=radio][name="${CSS.escape(this.indicators[0])}"]`),
      ].map((input) => Number(input.value));
      this.competencies = [...root.querySelectorAll("[data-kq-competency]")].map((section) => ({
        id: section.dataset.kqCompetency,
        indicators: [...section.querySelectorAll("[data-kq-indicator]")].map(
          (node) => node.dataset.kqIndicator,
        ),
      }));
      this.targetSelects = [...root.querySelectorAll("[data-kq-target]")];
      this.targetLevels = this.targetSelects.length
        ? [...this.targetSelects[0].options].filter((o) => o.value).map((o) => Number(o.value))
        : [];
      this.positions = new Set(
        [...this.position.options].filter((o) => o.value).map((o) => o.value),
      );
      const watchdog = Number(new URLSearchParams(location.search).get("kq-watchdog"));
      this.watchdogMs =
        Number.isFinite(watchdog) && watchdog >= 1000 ? Math.min(watchdog, 600000) : DEFAULT_WATCHDOG_MS;

      this.worker = null;
      this.engine = "loading";
      this.calls = new Map();
      this.nextCallId = 1;
      this.pending = new Map(); // tasks waiting for the engine, one per purpose
      this.last = null; // the last engine response shown
      this.noticeKeys = new Set();
      this.listeners = [];
      this.destroyed = false;

      this.store = new Store((reason) => this.storageProblem(reason));
      this.bindEvents();
      for (const id of ["kq-submit", "kq-erase", "kq-import-file"]) this.byId(id).disabled = false;
      this.restore();
      this.updateProgress();
      this.startEngine();
    }

    listen(target, type, handler, options) {
      target.addEventListener(type, handler, options);
      this.listeners.push(() => target.removeEventListener(type, handler, options));
    }

    destroy() {
      this.destroyed = true;
      this.stopEngine();
      for (const remove of this.listeners) remove();
      this.listeners = [];
      delete document.documentElement.dataset.engine;
      document.documentElement.classList.remove("kq-has-result");
    }

    // -- events ------------------------------------------------------------------------------

    bindEvents() {
      this.listen(this.form, "change", () => this.formChanged());
      this.listen(this.jp, "input", () => this.formChanged());
      this.listen(this.form, "submit", (event) => {
        event.preventDefault();
        this.submit();
      });
      const click = (id, handler) => this.listen(this.byId(id), "click", handler);
      click("kq-retry", () => this.startEngine());
      click("kq-erase", () => {
        this.byId("kq-erase-confirm").hidden = false;
        this.byId("kq-erase-yes").focus();
      });
      click("kq-erase-no", () => {
        this.byId("kq-erase-confirm").hidden = true;
        this.byId("kq-erase").focus();
      });
      click("kq-erase-yes", () => this.eraseAll());
      click("kq-print", () => window.print());
      click("kq-download-json", () => this.downloadJson());
      click("kq-download-md", () =>
        this.last && this.download("rencana-pengembangan-kompetensi.md", this.last.markdown, "text/markdown;charset=utf-8"),
      );
      click("kq-download-csv", () =>
        this.last && this.download("rencana-pengembangan-kompetensi.csv", this.last.csv, "text/csv;charset=utf-8"),
      );
      click("kq-share", () => this.makeShareLink());
      click("kq-share-copy", () => this.copyShareLink());
      this.listen(this.byId("kq-import-file"), "change", (event) => this.fileChosen(event, "import"));
      this.listen(this.byId("kq-compare-file"), "change", (event) => this.fileChosen(event, "compare"));
      this.listen(window, "hashchange", () => this.openShareLink());
    }

    formChanged() {
      this.updateProgress();
      this.updateTargetsVisibility();
      this.save();
    }

    // -- the form and the saved document -----------------------------------------------------

    readForm() {
      const ratings = {};
      for (const id of this.indicators) {
        const checked = this.form.querySelector(`input[name="${CSS.escape(id)}"]:checked`);
        if (checked) ratings[id] = Number(checked.value);
      }
      const targets = {};
      for (const select of this.targetSelects) {
        targets[select.dataset.kqTarget] = select.value ? Number(select.value) : null;
      }
      const text = this.jp.value.trim();
      const jp = /^\d+$/.test(text) ? Number(text) : null;
      return {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        standards_version: this.version,
        position: this.position.value || null,
        targets,
        total_jp: jp,
        ratings,
        submitted: Boolean(this.submitted),
      };
    }

    applyDoc(doc) {
      for (const input of this.form.querySelectorAll("input[type=radio]")) input.checked = false;
      for (const [id, value] of Object.entries(doc.ratings)) {
        const input = this.form.querySelector(
          `input[name="${CSS.escape(id)}"][value="${CSS.escape(String(value))}"]`,
        );
        if (input) input.checked = true;
      }
      this.position.value = doc.position || "";
      for (const select of this.targetSelects) {
        const value = doc.targets ? doc.targets[select.dataset.kqTarget] : null;
        select.value = value === null || value === undefined ? "" : String(value);
      }
      this.jp.value = String(doc.total_jp === null || doc.total_jp === undefined ? this.defaultJp : doc.total_jp);
      this.submitted = Boolean(doc.submitted);
      this.updateProgress();
      this.updateTargetsVisibility();
    }

    // Checks a saved, imported or shared document against this page's form. Strict mode is
    // all-or-nothing; lenient mode (a standards version change) drops what no longer fits.
    validate(doc, lenient) {
      const problems = [];
      const dropped = [];
      const problem = (path, message) => (lenient ? dropped : problems).push({ path, message });
      if (!isPlainObject(doc)) {
        return { problems: [{ path: "", message: "isi berkas harus berupa objek JSON" }], dropped };
      }
      for (const key of Object.keys(doc)) {
        if (!DOC_KEYS.includes(key)) problems.push({ path: key, message: "kunci tidak dikenal" });
      }
      if (doc.format !== FORMAT) {
        problems.push({ path: "format", message: `harus "${FORMAT}"` });
      }
      if (doc.format_version !== FORMAT_VERSION) {
        problems.push({ path: "format_version", message: `harus ${FORMAT_VERSION}` });
      }
      if (typeof doc.standards_version !== "string") {
        problems.push({ path: "standards_version", message: "harus berupa teks" });
      } else if (doc.standards_version !== this.version && !lenient) {
        problems.push({
          path: "standards_version",
          message: `dibuat untuk versi standar ${doc.standards_version}, sedangkan halaman ini memakai versi ${this.version}`,
        });
      }
      const value = {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        standards_version: this.version,
        position: null,
        targets: {},
        total_jp: this.defaultJp,
        ratings: {},
        submitted: false,
      };
      if (doc.position !== null && doc.position !== undefined) {
        if (typeof doc.position === "string" && this.positions.has(doc.position)) {
          value.position = doc.position;
        } else problem("position", "jabatan tidak dikenal");
      }
      if (doc.targets !== null && doc.targets !== undefined) {
        if (!isPlainObject(doc.targets)) {
          problem("targets", "harus berupa objek");
        } else {
          const known = new Set(this.competencies.map((c) => c.id));
          for (const key of Object.keys(doc.targets)) {
            const target = doc.targets[key];
            if (!known.has(key)) problem(`targets.${key}`, "kompetensi tidak dikenal");
            else if (target === null) value.targets[key] = null;
            else if (isInteger(target) && this.targetLevels.includes(target)) value.targets[key] = target;
            else problem(`targets.${key}`, `harus level ${this.targetLevels.join(", ")} atau null`);
          }
        }
      }
      if (doc.total_jp !== undefined && doc.total_jp !== null) {
        if (isInteger(doc.total_jp) && doc.total_jp >= 1 && doc.total_jp <= 1000) value.total_jp = doc.total_jp;
        else problem("total_jp", "harus bilangan bulat 1 sampai 1000");
      }
      if (!isPlainObject(doc.ratings)) {
        problems.push({ path: "ratings", message: "harus berupa objek" });
      } else {
        for (const key of Object.keys(doc.ratings)) {
          const rating = doc.ratings[key];
          if (!this.indicatorSet.has(key)) problem(`ratings.${key}`, "indikator tidak dikenal");
          else if (!isInteger(rating) || !this.scaleValues.includes(rating)) {
            problem(`ratings.${key}`, `harus salah satu nilai ${this.scaleValues.join(", ")}`);
          } else value.ratings[key] = rating;
        }
      }
      if (doc.submitted !== undefined && typeof doc.submitted !== "boolean") {
        problems.push({ path: "submitted", message: "harus true atau false" });
      } else value.submitted = Boolean(doc.submitted);
      if (doc.result !== undefined && !isPlainObject(doc.result)) {
        problems.push({ path: "result", message: "harus berupa objek" });
      }
      return { problems, dropped, value, claimed: isPlainObject(doc.result) ? doc.result : null };
    }

    save() {
      const doc = this.readForm();
      this.store.set(this.storageKey, JSON.stringify(doc));
    }

    restore() {
      const raw = this.store.get(this.storageKey);
      if (raw !== null) {
        let doc;
        try {
          doc = JSON.parse(raw);
        } catch (_) {
          doc = undefined;
        }
        const checked = doc === undefined ? null : this.validate(doc, false);
        if (!checked || checked.problems.length) {
          this.notice(
            "corrupt",
            "warning",
            "Jawaban yang tersimpan di peramban ini rusak sehingga tidak dapat dipulihkan. Jawaban baru akan disimpan menggantikannya.",
          );
        } else {
          this.applyDoc(checked.value);
        }
      } else {
        this.migrate();
      }
      this.openShareLink();
      if (this.submitted && !this.pending.has("assess")) {
        this.queue("assess", () => this.assess({ focus: false }));
      }
    }

    migrate() {
      const older = this.store.keys(ANSWERS_PREFIX).filter((key) => key !== this.storageKey);
      for (const key of older) {
        const raw = this.store.get(key);
        let doc;
        try {
          doc = JSON.parse(raw);
        } catch (_) {
          doc = undefined;
        }
        const checked = doc === undefined ? null : this.validate(doc, true);
        const from = key.slice(ANSWERS_PREFIX.length);
        if (!checked || checked.problems.length) {
          this.notice(
            "migrate-failed",
            "warning",
            `Jawaban tersimpan dari versi standar ${from} tidak dapat dipindahkan ke versi ${this.version} dan telah dihapus.`,
          );
        } else {
          checked.value.submitted = false;
          this.applyDoc(checked.value);
          const dropped = checked.dropped.length;
          this.notice(
            "migrated",
            "warning",
            `Standar kompetensi telah diperbarui dari versi ${from} ke versi ${this.version}. Jawaban Anda telah dipindahkan` +
              (dropped ? `; ${dropped} isian tidak berlaku lagi dan dibuang` : "") +
              ". Periksa kembali jawaban Anda sebelum melihat hasil.",
          );
          this.save();
        }
        this.store.remove(key);
        return;
      }
    }

    storageProblem(reason) {
      if (reason === "quota") {
        this.notice(
          "storage-quota",
          "warning",
          "Penyimpanan peramban penuh, sehingga jawaban hanya disimpan sementara di halaman ini dan akan hilang bila halaman ditutup. Unduh jawaban Anda sebagai JSON agar tidak hilang.",
        );
      } else {
        this.notice(
          "storage-disabled",
          "warning",
          "Penyimpanan lokal peramban tidak tersedia (misalnya dinonaktifkan atau mode privat), sehingga jawaban hanya disimpan sementara di halaman ini. Unduh jawaban Anda sebagai JSON agar tidak hilang.",
        );
      }
    }

    // -- notices, errors, progress -----------------------------------------------------------

    notice(key, kind, text, actions) {
      const box = this.byId("kq-notices");
      const existing = box.querySelector(`[data-kq-notice="${CSS.escape(key)}"]`);
      if (existing) existing.remove();
      const node = el("div", { class: `kq-box kq-box--${kind}`, "data-kq-notice": key }, el("p", { text }));
      const buttons = el("p", { class: "kq-notice-actions" });
      for (const action of actions || []) {
        const button = el("button", { type: "button", class: "md-button kq-button", text: action.label });
        button.addEventListener("click", () => {
          node.remove();
          action.run();
        });
        buttons.append(button);
      }
      const close = el("button", { type: "button", class: "md-button kq-button", text: "Tutup pemberitahuan" });
      close.addEventListener("click", () => node.remove());
      buttons.append(close);
      node.append(buttons);
      box.append(node);
      return node;
    }

    showErrors(title, problems) {
      const box = this.byId("kq-errors");
      this.byId("kq-errors-title").textContent = title;
      const list = this.byId("kq-errors-list");
      clear(list);
      for (const item of problems) {
        const text = item.path ? `${item.path}: ${item.message}` : item.message;
        if (item.target) {
          const link = el("a", { href: "#" + item.target, text });
          link.addEventListener("click", (event) => {
            const target = this.byId(item.target);
            if (!target) return;
            event.preventDefault();
            const focusable = target.matches("input, select, button")
              ? target
              : target.querySelector("input, select, button");
            (focusable || target).focus();
          });
          list.append(el("li", {}, link));
        } else list.append(el("li", { text }));
      }
      box.hidden = false;
      box.focus();
    }

    hideErrors() {
      this.byId("kq-errors").hidden = true;
    }

    updateProgress() {
      let answered = 0;
      for (const competency of this.competencies) {
        let count = 0;
        for (const id of competency.indicators) {
          if (this.form.querySelector(`input[name="${CSS.escape(id)}"]:checked`)) count += 1;
        }
        answered += count;
        const badge = this.root.querySelector(`[data-kq-count="${CSS.escape(competency.id)}"]`);
        if (badge) {
          badge.textContent = `${count}/${competency.indicators.length}`;
          badge.dataset.complete = String(count === competency.indicators.length);
        }
      }
      const bar = this.byId("kq-progress");
      bar.value = answered;
      this.byId("kq-progress-text").textContent =
        `${answered} dari ${this.indicators.length} pernyataan dijawab`;
      return answered;
    }

    updateTargetsVisibility() {
      const fieldset = this.byId("kq-targets");
      const withPosition = Boolean(this.position.value);
      fieldset.hidden = withPosition;
      fieldset.disabled = withPosition;
    }

    // -- the engine ------------------------------------------------------------------------------

    setEngine(state, text) {
      this.engine = state;
      document.documentElement.dataset.engine = state;
      if (text !== undefined) this.byId("kq-status").textContent = text;
    }

    startEngine() {
      this.stopEngine();
      this.byId("kq-engine-error").hidden = true;
      if (this.engine === "error" && this.lastFailure === "timeout") {
        // A retry after a timeout is usually a slow connection: give it more time.
        this.watchdogMs = Math.min(this.watchdogMs * 2, 600000);
      }
      this.setEngine("loading", "Memuat mesin penilaian… Anda dapat mulai menjawab sekarang.");
      performance.mark("kq:engine-start");
      if (typeof WebAssembly !== "object" || WebAssembly === null) {
        this.engineFailed("no-wasm", "WebAssembly is not defined");
        return;
      }
      if (typeof Worker !== "function") {
        this.engineFailed("no-worker", "Worker is not defined");
        return;
      }
      let worker;
      try {
        const url = new URL("worker.mjs", scriptUrl);
        if (assetVersion) url.searchParams.set("v", assetVersion);
        worker = new Worker(url, { type: "module", name: "kompetensi-engine" });
      } catch (error) {
        this.engineFailed("no-worker", String(error));
        return;
      }
      this.worker = worker;
      worker.addEventListener("message", (event) => this.workerMessage(worker, event.data || {}));
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        if (worker !== this.worker) return;
        const detail = event.message || "the worker stopped (script failed to load or crashed)";
        this.engineFailed("crash", detail);
      });
      worker.addEventListener("messageerror", () => {
        if (worker === this.worker) this.engineFailed("crash", "messageerror");
      });
      const attribute = (name) => new URL(this.root.getAttribute(name), siteRoot).href;
      worker.postMessage({
        type: "boot",
        pyodide: attribute("data-kq-pyodide"),
        wheel: attribute("data-kq-wheel"),
        exportUrl: attribute("data-kq-export"),
        standardsVersion: this.version,
      });
      this.armWatchdog();
    }

    armWatchdog() {
      clearTimeout(this.watchdog);
      this.watchdog = setTimeout(() => {
        if (this.engine === "loading") this.engineFailed("timeout", `no progress for ${this.watchdogMs} ms`);
      }, this.watchdogMs);
    }

    stopEngine() {
      clearTimeout(this.watchdog);
      if (this.worker) this.worker.terminate();
      this.worker = null;
      for (const call of this.calls.values()) {
        clearTimeout(call.timer);
        call.reject({ code: "crash", detail: "the engine was stopped" });
      }
      this.calls.clear();
    }

    workerMessage(worker, message) {
      if (worker !== this.worker || this.destroyed) return;
      if (message.type === "progress") {
        const stage = STAGES[message.stage];
        this.byId("kq-status").textContent = `Memuat mesin penilaian… (${stage || message.stage})`;
        this.armWatchdog();
      } else if (message.type === "ready") {
        clearTimeout(this.watchdog);
        performance.mark("kq:engine-ready");
        performance.measure("kq:engine", "kq:engine-start", "kq:engine-ready");
        this.bootTimings = message.timings;
        this.setEngine("ready", "Mesin penilaian siap. Perhitungan berjalan di peramban Anda.");
        const waiting = [...this.pending.values()];
        this.pending.clear();
        for (const task of waiting) task();
      } else if (message.type === "boot-failed") {
        this.engineFailed(message.code, message.detail);
      } else if (message.type === "reply") {
        const call = this.calls.get(message.id);
        if (!call) return;
        this.calls.delete(message.id);
        clearTimeout(call.timer);
        if (message.error) call.reject(message.error);
        else call.resolve(JSON.parse(message.text));
      }
    }

    engineFailed(code, detail) {
      this.stopEngine();
      this.lastFailure = code;
      const seconds = Math.round(this.watchdogMs / 1000);
      const text = (FAILURES[code] || FAILURES.crash).replace("{seconds}", String(seconds));
      this.setEngine("error", "Mesin penilaian gagal dimuat. Jawaban Anda tetap tersimpan.");
      this.byId("kq-engine-error-message").textContent = text;
      this.byId("kq-engine-error-detail").textContent = `${code}: ${detail || ""}`;
      const box = this.byId("kq-engine-error");
      box.hidden = false;
      box.dataset.code = code;
      if (this.waitingForSubmit) box.focus();
    }

    // Run ``task`` now if the engine is ready, or as soon as it is (the latest task per
    // purpose wins, so pressing submit twice while loading assesses once).
    queue(purpose, task) {
      if (this.engine === "ready") task();
      else this.pending.set(purpose, task);
    }

    call(fn, payload) {
      return new Promise((resolve, reject) => {
        if (!this.worker || this.engine !== "ready") {
          reject({ code: "not-ready", detail: this.engine });
          return;
        }
        const id = this.nextCallId++;
        const timer = setTimeout(() => {
          if (!this.calls.has(id)) return;
          this.calls.delete(id);
          reject({ code: "timeout", detail: `${fn} took longer than ${CALL_TIMEOUT_MS} ms` });
          this.engineFailed("crash", `${fn} did not answer`);
        }, CALL_TIMEOUT_MS);
        this.calls.set(id, { resolve, reject, timer });
        this.worker.postMessage({ type: "call", id, fn, payload: JSON.stringify(payload) });
      });
    }

    engineCallFailed(error) {
      const detail = error && error.detail ? `${error.code}: ${error.detail}` : String(error && error.code);
      this.showErrors("Mesin penilaian tidak dapat memproses jawaban", [
        { path: "", message: "Terjadi kesalahan saat menghitung hasil. Jawaban Anda tetap tersimpan; coba lagi." },
        { path: "", message: `Rincian teknis: ${detail}` },
      ]);
    }

    responseFailed(response) {
      const problems = [{ path: "", message: response.message }];
      for (const item of response.problems || []) {
        problems.push({ path: item.path, message: item.hint ? `${item.message} (${item.hint})` : item.message });
      }
      if (response.detail) problems.push({ path: "", message: `Rincian teknis: ${response.detail}` });
      this.showErrors("Mesin penilaian tidak dapat memproses jawaban", problems);
    }

    // -- submitting and results ----------------------------------------------------------------

    request(doc, claimed) {
      const targets = {};
      let anyTarget = false;
      for (const [key, value] of Object.entries(doc.targets || {})) {
        targets[key] = value;
        if (value !== null) anyTarget = true;
      }
      const request = { ratings: doc.ratings, total_jp: doc.total_jp };
      if (doc.position) request.position = doc.position;
      else if (anyTarget) request.targets = targets;
      if (claimed) request.claimed = claimed;
      return request;
    }

    checkForm() {
      const problems = [];
      const doc = this.readForm();
      if (!Object.keys(doc.ratings).length) {
        problems.push({
          path: "",
          message: "Belum ada pernyataan yang dijawab. Jawab pernyataan pada langkah 2 terlebih dahulu.",
          target: "kq-i-" + this.indicators[0],
        });
      }
      if (doc.total_jp === null || doc.total_jp < 1 || doc.total_jp > 1000) {
        problems.push({
          path: "",
          message: "Total jam pelajaran harus bilangan bulat dari 1 sampai 1000.",
          target: "kq-jp",
        });
      }
      return problems;
    }

    submit() {
      const problems = this.checkForm();
      if (problems.length) {
        this.showErrors("Periksa kembali isian Anda", problems);
        return;
      }
      this.hideErrors();
      this.submitted = true;
      this.save();
      performance.mark("kq:submit");
      if (this.engine === "error") {
        this.waitingForSubmit = true;
        this.byId("kq-engine-error").focus();
      } else if (this.engine !== "ready") {
        this.waitingForSubmit = true;
        this.byId("kq-status").textContent =
          "Jawaban Anda akan dinilai segera setelah mesin penilaian siap. Memuat mesin penilaian…";
      }
      this.queue("assess", () => {
        this.waitingForSubmit = false;
        this.assess({ focus: true });
      });
    }

    async assess({ focus, claimed }) {
      const doc = this.readForm();
      let response;
      try {
        response = await this.call("run_assessment", this.request(doc, claimed));
      } catch (error) {
        this.engineCallFailed(error);
        return null;
      }
      if (!response.ok) {
        this.responseFailed(response);
        return null;
      }
      this.hideErrors();
      this.showResults(response, doc);
      performance.mark("kq:results");
      if (performance.getEntriesByName("kq:submit").length) {
        performance.measure("kq:submit-to-results", "kq:submit", "kq:results");
      }
      if (focus) this.byId("kq-hasil-judul").focus();
      return response;
    }

    showResults(response, doc) {
      this.last = { ...response, doc };
      const view = response.view;
      const result = response.result;
      this.byId("kq-meta-basis").textContent = view.basis;
      this.byId("kq-meta-version").textContent = view.standards_version;
      this.byId("kq-meta-date").textContent = today();
      this.byId("kq-summary").textContent = view.summary;

      const chart = this.byId("kq-chart");
      clear(chart);
      chart.append(
        el("img", {
          src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(view.chart),
          alt: "Grafik level perkiraan dan target setiap kompetensi. Angka yang sama tercantum pada daftar di bawahnya.",
          class: "kq-chart-image",
        }),
        el("figcaption", {
          text: "Batang menunjukkan level perkiraan (0–5); garis putus-putus bertanda T menunjukkan target.",
        }),
      );

      const list = this.byId("kq-result-list");
      clear(list);
      view.competencies.forEach((item, index) => {
        const raw = result.competencies[index];
        const details = el(
          "dl",
          { class: "kq-result-numbers" },
          el("dt", { text: "Level perkiraan" }),
          el("dd", { text: item.estimated_label }),
          el("dt", { text: "Target" }),
          el("dd", { text: item.target_label }),
          el("dt", { text: "Kesenjangan" }),
          el("dd", { text: item.gap_label }),
          el("dt", { text: "Status" }),
          el("dd", { text: item.status_label }),
        );
        const node = el(
          "li",
          {
            class: `kq-result kq-result--${item.status}`,
            "data-competency": raw.id,
            "data-estimated": attr(raw.estimated),
            "data-target": attr(raw.target),
            "data-gap": attr(raw.gap),
            "data-status": raw.status,
          },
          el("h3", { class: "kq-result-title", text: item.name }),
          details,
          el("p", { class: "kq-explanation", text: item.explanation }),
        );
        if (!item.complete) {
          const link = el("a", { href: `#kq-c-${raw.id}`, text: `Lengkapi ${item.name}` });
          node.append(
            el(
              "p",
              { class: "kq-incomplete" },
              `${item.unanswered_count} pernyataan belum dijawab. `,
              link,
            ),
          );
        }
        list.append(node);
      });

      this.byId("kq-plan-note").textContent = `${view.plan.mode_label}. ${view.plan.note}`;
      const plan = this.byId("kq-plan");
      clear(plan);
      for (const category of view.plan.categories) {
        const section = el(
          "section",
          { class: "kq-plan-category", "data-plan-category": category.id, "data-jp": category.jp },
          el("h3", { text: `${category.name} (${category.id}%): ${category.jp} JP` }),
          el("p", { class: "kq-hint", text: category.description }),
        );
        const items = el("ul", { class: "kq-plan-items" });
        for (const item of category.items) {
          items.append(
            el(
              "li",
              {
                class: "kq-plan-item",
                "data-plan-item": true,
                "data-category": item.category,
                "data-jp": item.jp,
                "data-plan-competency": item.competency,
                "data-level": item.level,
              },
              el(
                "p",
                { class: "kq-plan-head" },
                el("strong", { text: item.competency_name }),
                ` — menuju level ${item.level_label} · ${item.form_name} · `,
                el("span", { class: "kq-jp", text: `${item.jp} JP` }),
              ),
              el("p", { class: "kq-plan-activity", text: item.activity }),
            ),
          );
        }
        if (!category.items.length) {
          items.append(el("li", { class: "kq-plan-empty", text: "Tidak ada aktivitas pada kategori ini." }));
        }
        section.append(items);
        plan.append(section);
      }
      this.byId("kq-hasil").hidden = false;
      document.documentElement.classList.add("kq-has-result");
    }

    // -- keeping and sharing -------------------------------------------------------------------

    download(name, text, type) {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const link = el("a", { href: url, download: name, class: "kq-hidden-link" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }

    downloadJson() {
      if (!this.last) return;
      const doc = this.readForm();
      delete doc.submitted;
      doc.result = this.last.result;
      this.download("penilaian-kompetensi.json", JSON.stringify(doc, null, 2) + "\n", "application/json");
    }

    shareFragment(doc) {
      const digit = (value) => (value === null || value === undefined ? "0" : Number(value).toString(36));
      const ratings = this.indicators.map((id) => digit(doc.ratings[id])).join("");
      const targets = this.competencies.map((c) => digit(doc.targets ? doc.targets[c.id] : null)).join("");
      const parts = ["1", doc.standards_version, doc.position || "-", String(doc.total_jp), ratings, targets];
      return `${SHARE_KEY}=${parts.map(encodeURIComponent).join("~")}`;
    }

    parseFragment(fragment) {
      const parts = fragment.split("~").map((part) => decodeURIComponent(part));
      if (parts.length !== 6 || parts[0] !== "1") return null;
      const [, version, position, jp, ratingDigits, targetDigits] = parts;
      const doc = {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        standards_version: version,
        position: position === "-" ? null : position,
        targets: {},
        total_jp: /^\d+$/.test(jp) ? Number(jp) : jp,
        ratings: {},
        submitted: true,
      };
      if (ratingDigits.length !== this.indicators.length || targetDigits.length !== this.competencies.length) {
        return { doc, lengthMismatch: true };
      }
      this.indicators.forEach((id, index) => {
        const value = parseInt(ratingDigits[index], 36);
        if (Number.isNaN(value)) doc.ratings[id] = ratingDigits[index];
        else if (value !== 0) doc.ratings[id] = value;
      });
      this.competencies.forEach((competency, index) => {
        const value = parseInt(targetDigits[index], 36);
        doc.targets[competency.id] = value === 0 ? null : Number.isNaN(value) ? targetDigits[index] : value;
      });
      return { doc, lengthMismatch: false };
    }

    makeShareLink() {
      const doc = this.readForm();
      const url = new URL(location.href);
      url.hash = this.shareFragment(doc);
      const input = this.byId("kq-share-url");
      input.value = url.href;
      this.byId("kq-share-box").hidden = false;
      input.focus();
      input.select();
    }

    async copyShareLink() {
      const input = this.byId("kq-share-url");
      try {
        await navigator.clipboard.writeText(input.value);
        this.byId("kq-status").textContent = "Tautan berbagi telah disalin.";
      } catch (_) {
        input.focus();
        input.select();
        this.byId("kq-status").textContent =
          "Tautan tidak dapat disalin otomatis; tautan sudah dipilih, salin dengan Ctrl+C.";
      }
    }

    openShareLink() {
      const hash = location.hash.replace(/^#/, "");
      if (!hash.startsWith(SHARE_KEY + "=")) return;
      history.replaceState(history.state, "", location.pathname + location.search);
      const parsed = this.parseFragment(hash.slice(SHARE_KEY.length + 1));
      const checked = parsed && !parsed.lengthMismatch ? this.validate(parsed.doc, false) : null;
      if (!checked || checked.problems.length) {
        const reason =
          checked && checked.problems.length
            ? checked.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ")
            : "isi tautan tidak lengkap atau dibuat untuk versi standar lain";
        this.notice("share-invalid", "warning", `Tautan berbagi tidak dapat dibuka: ${reason}. Jawaban Anda tidak diubah.`);
        return;
      }
      const mine = this.readForm();
      const hasOwn = Object.keys(mine.ratings).length > 0;
      const same = JSON.stringify(mine.ratings) === JSON.stringify(checked.value.ratings) && mine.position === checked.value.position;
      const useLink = () => {
        this.applyDoc(checked.value);
        this.save();
        this.queue("assess", () => this.assess({ focus: true }));
      };
      if (!hasOwn || same) {
        useLink();
        this.notice("share-opened", "info", "Jawaban dimuat dari tautan berbagi dan disimpan di peramban ini.");
        return;
      }
      this.notice(
        "share-choice",
        "info",
        "Tautan ini berisi jawaban yang berbeda dari jawaban yang tersimpan di peramban Anda. Apa yang ingin Anda lakukan?",
        [
          { label: "Ganti dengan jawaban dari tautan", run: useLink },
          {
            label: "Bandingkan dengan jawaban saya",
            run: () => this.queue("compare", () => this.compare(checked.value, "jawaban dari tautan")),
          },
        ],
      );
    }

    async fileChosen(event, purpose) {
      const input = event.target;
      const file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      const title = purpose === "import" ? "Berkas jawaban tidak dimuat" : "Berkas pembanding tidak dimuat";
      const keep = "Tidak ada yang diubah; jawaban Anda tetap seperti semula.";
      if (file.size > MAX_FILE_BYTES) {
        this.showErrors(title, [{ path: "", message: `Berkas lebih besar dari 1 MB. ${keep}` }]);
        return;
      }
      let doc;
      try {
        doc = JSON.parse(await file.text());
      } catch (_) {
        this.showErrors(title, [{ path: "", message: `Berkas bukan JSON yang valid. ${keep}` }]);
        return;
      }
      const checked = this.validate(doc, false);
      if (checked.problems.length) {
        this.showErrors(title, [{ path: "", message: keep }, ...checked.problems]);
        return;
      }
      this.hideErrors();
      const label = file.name.replace(/\.json$/i, "") || "pembanding";
      if (purpose === "compare") {
        this.queueWithNotice("compare", () => this.compare(checked.value, label));
        return;
      }
      checked.value.submitted = true;
      this.applyDoc(checked.value);
      this.save();
      this.notice("imported", "info", `Jawaban dimuat dari berkas ${file.name}.`);
      this.queueWithNotice("assess", async () => {
        const response = await this.assess({ focus: true, claimed: checked.claimed });
        if (response && response.claimed_matches === false) {
          this.notice(
            "claimed-differs",
            "warning",
            "Hasil yang tercantum di dalam berkas berbeda dari hasil perhitungan ulang atas jawabannya. Yang ditampilkan adalah hasil perhitungan ulang.",
          );
        }
      });
    }

    queueWithNotice(purpose, task) {
      if (this.engine === "loading") {
        this.byId("kq-status").textContent =
          "Berkas akan diproses segera setelah mesin penilaian siap. Memuat mesin penilaian…";
      } else if (this.engine === "error") {
        this.byId("kq-engine-error").focus();
      }
      this.queue(purpose, task);
    }

    async compare(otherDoc, label) {
      if (!this.last) {
        const own = await this.assess({ focus: false });
        if (!own) return;
      }
      let response;
      try {
        response = await this.call("run_comparison", {
          own: this.request(this.readForm()),
          other: this.request(otherDoc),
          label,
        });
      } catch (error) {
        this.engineCallFailed(error);
        return;
      }
      if (!response.ok) {
        this.responseFailed(response);
        return;
      }
      const comparison = response.comparison;
      this.byId("kq-compare-other-head").textContent = comparison.label;
      this.byId("kq-compare-summary").textContent = comparison.summary;
      const body = this.byId("kq-compare-body");
      clear(body);
      for (const row of comparison.rows) {
        const difference =
          row.difference === null ? "—" : row.difference === 0 ? "sama" : row.difference > 0 ? `+${row.difference}` : `−${-row.difference}`;
        body.append(
          el(
            "tr",
            {
              "data-compare-competency": row.id,
              "data-own": attr(row.own),
              "data-other": attr(row.other),
              "data-difference": attr(row.difference),
            },
            el("th", { scope: "row", text: row.name }),
            el("td", { text: row.own_label }),
            el("td", { text: row.other_label }),
            el("td", { text: difference }),
            el("td", { text: row.target_label }),
          ),
        );
      }
      const box = this.byId("kq-compare");
      box.hidden = false;
      this.byId("kq-compare-title").setAttribute("tabindex", "-1");
      this.byId("kq-compare-title").focus();
    }

    eraseAll() {
      for (const key of this.store.keys(STORAGE_PREFIX)) this.store.remove(key);
      this.store.memory.clear();
      this.form.reset();
      this.jp.value = String(this.defaultJp);
      this.submitted = false;
      this.last = null;
      this.pending.clear();
      this.waitingForSubmit = false;
      this.byId("kq-hasil").hidden = true;
      this.byId("kq-compare").hidden = true;
      this.byId("kq-share-box").hidden = true;
      this.byId("kq-share-url").value = "";
      for (const id of ["kq-result-list", "kq-plan", "kq-chart", "kq-compare-body"]) clear(this.byId(id));
      document.documentElement.classList.remove("kq-has-result");
      clear(this.byId("kq-notices"));
      this.hideErrors();
      this.byId("kq-erase-confirm").hidden = true;
      this.updateProgress();
      this.updateTargetsVisibility();
      this.notice("erased", "info", "Semua jawaban dan hasil penilaian telah dihapus dari peramban ini.");
      this.byId("kq-erase").focus();
    }
  }

  // ---------------------------------------------------------------------------------------

  let current = null;

  function scan() {
    const root = document.querySelector("[data-kq-root]");
    if (current && current.root !== root) {
      current.destroy();
      current = null;
    }
    if (root && !current && !root.dataset.kqBound) current = new Quiz(root);
  }

  window.KompetensiQuiz = {
    scan,
    get engine() {
      return current ? current.engine : null;
    },
    // For integrators and tests: the engine's own answer for a request, as JSON data.
    call(fn, payload) {
      if (!current) return Promise.reject({ code: "no-quiz", detail: "" });
      return current.call(fn, payload);
    },
    timings() {
      const entries = {};
      for (const entry of performance.getEntriesByType("measure")) {
        if (entry.name.startsWith("kq:")) entries[entry.name] = Math.round(entry.duration);
      }
      return { page: entries, worker: current ? current.bootTimings || null : null };
    },
  };

  function start() {
    const stream = window.document$;
    if (stream && typeof stream.subscribe === "function") stream.subscribe(() => scan());
    else scan();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
