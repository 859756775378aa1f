// The quiz bound to one page: the form, kept answers, notices, and what the buttons do.

import {
  earlyAnswers,
  emptyDoc,
  engineRequest,
  formShape,
  validate,
  withEarly,
} from "./answers.js";
import { clear, download, jumpSettler, prepareToday } from "./dom.js";
import { Engine } from "./engine.js";
import { downloadJson, fileChosen } from "./files.js";
import {
  engineFailure,
  engineRefusal,
  hideErrors,
  notice,
  showEngineProblems,
  showErrors,
  storageProblem,
} from "./messages.js";
import { applyPlanSettings, bindPlan, formProblems, readPlanSettings } from "./plan-edit.js";
import { applyPosition, asked, openPositionLink, positionScope } from "./position.js";
import { clearResults, markResultShown, showResults } from "./results.js";
import { copyShareLink, makeShareLink, openShareLink } from "./share.js";
import { showProgress, skipShape, toggleShowAll } from "./skip.js";
import { STORAGE_PREFIX, Store } from "./store.js";
import { migrate } from "./versions.js";

const ANSWERS_PREFIX = STORAGE_PREFIX + "jawaban:";
// early.js's key; "jawaban-awal:" does not start with ANSWERS_PREFIX, so versions.js skips it.
const EARLY_PREFIX = STORAGE_PREFIX + "jawaban-awal:";

export class Quiz {
  // root: the [data-kq-root] element; urls: {workerUrl, siteRoot}
  //
  // Binding is split in two. Now: what makes an answer safe (the listeners, the saved answers
  // back in the radios, with the answers early.js kept before binding on top); data-kq-bound
  // then marks the form as bound. In a later task: the progress counts, a migration from an
  // older standards version, a share link and the engine's start, so the page can take input
  // and paint first.
  //
  // Answers given before binding are newer than anything stored, so they win wherever they
  // come first: over the saved answers here, over migrated ones in migrate(). A share link
  // that would replace them asks first (openShareLink), and an import needs the bound form.
  constructor(root, urls) {
    performance.mark("kq:bind-start");
    this.root = root;
    this.byId = (id) => root.querySelector("#" + CSS.escape(id));
    this.form = this.byId("kq-form");
    this.position = this.form.elements.namedItem("position");
    this.jp = this.byId("kq-jp");
    this.focusInput = this.byId("kq-focus");
    this.plan = null; // the plan the reader edited (null: the engine's own choice)
    this.priorities = []; // the competencies the reader marked (priorities.js)
    this.targetSelects = [...root.querySelectorAll("[data-kq-target]")];
    this.shape = formShape(root);
    this.skip = skipShape(root);
    this.scope = positionScope(root); // the chosen position's technical competencies
    this.storageKey = ANSWERS_PREFIX + this.shape.version;
    this.pending = new Map(); // tasks waiting for the engine, one per purpose
    this.last = null; // the last answer shown: {response, doc}
    this.submitted = false;
    this.listeners = [];

    const absolute = (name) => new URL(root.getAttribute(name), urls.siteRoot).href;
    this.engine = new Engine(
      {
        workerUrl: urls.workerUrl,
        boot: {
          pyodide: absolute("data-kq-pyodide"),
          wheel: absolute("data-kq-wheel"),
          exportUrl: absolute("data-kq-export"),
          standardsVersion: this.shape.version,
        },
      },
      {
        onLoading: (text) => this.setEngine("loading", text),
        onReady: () => this.engineReady(),
        onFailed: (code, text, detail) => this.engineFailed(code, text, detail),
      },
    );
    this.store = new Store((reason) => storageProblem(this.byId, reason));
    // What the share link and file modules may do with the quiz, instead of all of it.
    this.port = {
      shape: this.shape,
      byId: this.byId,
      current: () => this.readForm(),
      hasResult: () => this.last !== null,
      replace: (doc) => {
        this.applyDoc(doc);
        this.save();
      },
      // With a text: said while the engine loads (queueWithStatus); without: queued quietly.
      queue: (purpose, task, text) =>
        text === undefined ? this.queue(purpose, task) : this.queueWithStatus(purpose, task, text),
      assess: (options) => this.assess(options),
      ask: (fn, payload) => this.ask(fn, payload),
    };
    this.bindEvents();
    for (const id of ["kq-submit", "kq-erase", "kq-import-file"]) this.byId(id).disabled = false;
    this.early = this.takeEarly();
    const saved = this.store.get(this.storageKey) !== null;
    if (saved) this.restore();
    if (this.early) {
      this.applyDoc(withEarly(this.readForm(), this.early), { quiet: true });
      this.save();
    }
    // Saved under the normal key now (in memory too if storage fails): the early copy can go.
    for (const key of this.store.keys(EARLY_PREFIX)) this.store.remove(key);
    root.dataset.kqBound = "true";
    performance.mark("kq:bound");
    performance.measure("kq:bind", "kq:bind-start", "kq:bound");
    this.later = setTimeout(() => this.finishSetup(saved), 0);
  }

  // The rest of the set-up (see the constructor).
  finishSetup(saved) {
    this.later = null;
    if (!saved) migrate(this, ANSWERS_PREFIX);
    this.early = null;
    this.updateProgress();
    this.updateTargetsVisibility();
    openShareLink(this.port);
    if (openPositionLink(this)) this.formChanged();
    if (this.submitted && !this.pending.has("assess")) {
      this.queue("assess", () => this.assess({ focus: false }));
    }
    this.engine.start();
  }

  listen(target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push(() => target.removeEventListener(type, handler));
  }

  destroy() {
    clearTimeout(this.later);
    this.engine.stop();
    for (const remove of this.listeners) remove();
    this.listeners = [];
    delete document.documentElement.dataset.engine;
    markResultShown(false);
  }

  bindEvents() {
    this.listen(this.form, "change", (event) => this.formChanged(event));
    this.listen(this.form, "click", (event) => {
      const button = event.target.closest("[data-kq-show-all]");
      if (button && toggleShowAll(this.skip, button)) this.updateProgress();
    });
    bindPlan(this);
    this.listen(this.form, "submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    // Handled on the button's click, before the form is submitted: Chromium prepares a
    // submission of the form's 550 controls (8-15 ms of main-thread time in a trace) before the
    // submit event, which the quiz then cancels. Enter in a field still arrives here, as the
    // browser's implicit click on this button.
    this.listen(this.byId("kq-submit"), "click", (event) => {
      event.preventDefault();
      this.submit();
    });
    const click = (id, handler) => this.listen(this.byId(id), "click", handler);
    click("kq-retry", () => this.engine.start());
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
    click("kq-download-json", () => downloadJson(this.last));
    click("kq-download-md", () =>
      this.downloadReport("markdown", "rencana-pengembangan-kompetensi.md", "text/markdown"),
    );
    click("kq-download-csv", () =>
      this.downloadReport("csv", "rencana-pengembangan-kompetensi.csv", "text/csv"),
    );
    click("kq-share", () => makeShareLink(this.byId, this.readForm(), this.shape));
    click("kq-share-copy", () => copyShareLink(this.byId));
    this.listen(this.byId("kq-import-file"), "change", (event) =>
      fileChosen(this.port, event, "import"),
    );
    this.listen(this.byId("kq-compare-file"), "change", (event) =>
      fileChosen(this.port, event, "compare"),
    );
    this.listen(window, "hashchange", () => openShareLink(this.port));
    this.listen(this.root, "click", jumpSettler(this.form));
  }

  formChanged(event) {
    if (!event || event.target === this.position) applyPosition(this);
    if (event && event.target === this.position) {
      // Another position asks other competencies: the plan edited for the old one is let go,
      // and marks on competencies it no longer asks are dropped (the engine would refuse them).
      this.plan = null;
      this.priorities = this.priorities.filter((id) => asked(this.scope, id));
    }
    this.updateProgress({ announce: true });
    this.updateTargetsVisibility();
    this.save();
    // The identity is only printed: the result does not depend on it.
    const identity = event && event.target && event.target.dataset.kqIdentity;
    if (this.last && !identity) this.byId("kq-stale").hidden = false;
  }

  // -- the form and the kept answers ---------------------------------------------------------

  // The checked radios, {indicator id: rating}, in the form's order: one pass over the form
  // (a query per indicator walked the whole form 135 times, on every change and submit).
  checkedRatings() {
    const ratings = {};
    for (const input of this.form.querySelectorAll("input[type=radio]:checked")) {
      if (this.scope.asked.has(input.name)) ratings[input.name] = Number(input.value);
    }
    return ratings;
  }

  readForm() {
    const doc = emptyDoc(this.shape);
    doc.ratings = this.checkedRatings();
    for (const select of this.targetSelects) {
      doc.targets[select.dataset.kqTarget] = select.value ? Number(select.value) : null;
    }
    const text = this.jp.value.trim();
    doc.total_jp = /^\d+$/.test(text) ? Number(text) : null;
    readPlanSettings(this, doc);
    doc.position = this.position.value || null;
    doc.submitted = this.submitted;
    return doc;
  }

  applyDoc(doc, { quiet = false } = {}) {
    for (const input of this.form.querySelectorAll("input[type=radio]")) {
      const wanted = Object.hasOwn(doc.ratings, input.name) ? doc.ratings[input.name] : undefined;
      input.checked = wanted !== undefined && String(wanted) === input.value;
    }
    this.position.value = doc.position || "";
    applyPosition(this);
    for (const select of this.targetSelects) {
      const value = doc.targets ? doc.targets[select.dataset.kqTarget] : null;
      select.value = value === null || value === undefined ? "" : String(value);
    }
    this.jp.value = String(doc.total_jp ?? this.shape.defaultJp);
    applyPlanSettings(this, doc);
    this.submitted = Boolean(doc.submitted);
    // While binding, the counts wait for finishSetup (one update instead of two).
    if (!quiet) {
      this.updateProgress();
      this.updateTargetsVisibility();
    }
  }

  save() {
    this.store.set(this.storageKey, JSON.stringify(this.readForm()));
  }

  readStored(key, lenient) {
    let doc;
    try {
      doc = JSON.parse(this.store.get(key));
    } catch (_) {
      return null;
    }
    const checked = validate(doc, this.shape, lenient);
    return checked.problems.length ? null : checked;
  }

  // The answers early.js kept before binding (its in-memory copy, complete even when storage
  // failed, or what storage kept from a visit that ended before binding); it stops now.
  takeEarly() {
    const early = this.root.kqEarly;
    let record = null;
    if (early) {
      early.stop();
      record = early.answers();
    } else {
      try {
        record = JSON.parse(this.store.get(EARLY_PREFIX + this.shape.version));
      } catch (_) {
        record = null;
      }
    }
    return earlyAnswers(record, this.shape);
  }

  // The answers saved under this standards version, back in the form.
  restore() {
    const checked = this.readStored(this.storageKey, false);
    if (checked) this.applyDoc(checked.value, { quiet: true });
    else {
      notice(
        this.byId,
        "corrupt",
        "warning",
        "Jawaban yang tersimpan di peramban ini rusak sehingga tidak dapat dipulihkan. Jawaban baru akan disimpan menggantikannya.",
      );
    }
  }

  // -- storage notices and progress ---------------------------------------------------------------

  // The counts and the adaptive form's hiding (skip.js); announce after the reader's change.
  updateProgress({ announce = false } = {}) {
    showProgress(this, this.checkedRatings(), announce);
  }

  // Own targets apply without a position, or for one without targets here (functional: SKJ).
  updateTargetsVisibility() {
    const fieldset = this.byId("kq-targets");
    const skj = Boolean(this.position.selectedOptions[0]?.hasAttribute("data-kq-own-targets"));
    fieldset.dataset.kqMode = skj ? "skj" : "own";
    fieldset.hidden = fieldset.disabled = Boolean(this.position.value) && !skj;
  }

  // -- the engine ---------------------------------------------------------------------------------

  setEngine(state, text) {
    document.documentElement.dataset.engine = state;
    if (text !== undefined) this.byId("kq-status").textContent = text;
    if (state === "loading") this.byId("kq-engine-error").hidden = true;
  }

  engineReady() {
    this.setEngine("ready", "Mesin penilaian siap. Perhitungan berjalan di peramban Anda.");
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const task of waiting) task();
    // Work the first result would otherwise wait for, done while the reader answers. Not
    // earlier: while the page and Pyodide load, the first use of the locale data was one
    // task of 120-140 ms.
    const idle = window.requestIdleCallback || ((task) => setTimeout(task, 200));
    idle(() => prepareToday());
  }

  engineFailed(code, text, detail) {
    this.setEngine("error", "Mesin penilaian gagal dimuat. Jawaban Anda tetap tersimpan.");
    this.byId("kq-engine-error-message").textContent = text;
    this.byId("kq-engine-error-detail").textContent = detail;
    const box = this.byId("kq-engine-error");
    box.dataset.code = code;
    box.hidden = false;
    if (this.waitingForSubmit) box.focus();
  }

  // Run ``task`` now if the engine is ready, or as soon as it is (the latest task per purpose
  // wins, so pressing submit twice while loading assesses once).
  queue(purpose, task) {
    if (this.engine.state === "ready") task();
    else this.pending.set(purpose, task);
  }

  queueWithStatus(purpose, task, text) {
    if (this.engine.state === "loading") {
      this.byId("kq-status").textContent = `${text} Memuat mesin penilaian…`;
    } else if (this.engine.state === "error") {
      this.byId("kq-engine-error").focus();
    }
    this.queue(purpose, task);
  }

  async ask(fn, payload) {
    let response;
    try {
      response = await this.engine.call(fn, payload);
    } catch (error) {
      showEngineProblems(this.byId, engineFailure(error));
      return null;
    }
    if (response.ok) return response;
    showEngineProblems(this.byId, engineRefusal(response));
    return null;
  }

  // -- submitting and results -------------------------------------------------------------------

  submit() {
    performance.clearMarks("kq:submit");
    performance.mark("kq:submit");
    // One read of the form for the check, the request and the saved copy.
    const doc = this.readForm();
    const problems = formProblems(doc, this.shape);
    if (problems.length) {
      showErrors(this.byId, "Periksa kembali isian Anda", problems);
      return;
    }
    hideErrors(this.byId);
    this.submitted = doc.submitted = true;
    const ready = this.engine.state === "ready";
    this.waitingForSubmit = !ready;
    this.queueWithStatus(
      "assess",
      () => {
        this.waitingForSubmit = false;
        // A request that waited for the engine reads the form again: answers may have changed.
        this.assess({ focus: true, doc: ready ? doc : undefined });
      },
      "Jawaban Anda akan dinilai segera setelah mesin penilaian siap.",
    );
    // Saved after the request is on its way to the worker, so storage does not delay it.
    this.store.set(this.storageKey, JSON.stringify(doc));
  }

  // doc: the answers to assess, when the caller has just read them from the form.
  async assess({ focus, claimed, doc = this.readForm() }) {
    const response = await this.ask("run_assessment", engineRequest(doc, claimed));
    if (!response) return null;
    hideErrors(this.byId);
    this.last = { response, doc };
    showResults(this.byId, response, doc.priorities || []);
    performance.mark("kq:results");
    if (performance.getEntriesByName("kq:submit").length) {
      performance.measure("kq:submit-to-results", "kq:submit", "kq:results");
    }
    if (focus) this.byId("kq-hasil-judul").focus();
    return response;
  }

  // The Markdown and CSV files are made by the engine only when asked for (a few ms), from the
  // answers the shown result was computed from: the reply to every submit stays small.
  async downloadReport(format, name, type) {
    if (!this.last) return;
    const request = { ...engineRequest(this.last.doc), format, identity: this.readForm().identity };
    const response = await this.ask("run_report", request);
    if (response) download(name, response.text, `${type};charset=utf-8`);
  }

  // -- erasing -------------------------------------------------------------------------------------

  eraseAll() {
    this.store.clear(STORAGE_PREFIX);
    this.form.reset();
    this.jp.value = String(this.shape.defaultJp);
    this.focusInput.value = String(this.shape.defaultFocus);
    this.plan = null;
    this.priorities = [];
    this.submitted = false;
    this.waitingForSubmit = false;
    this.last = null;
    this.pending.clear();
    clearResults(this.byId);
    this.byId("kq-share-box").hidden = true;
    this.byId("kq-share-url").value = "";
    clear(this.byId("kq-notices"));
    hideErrors(this.byId);
    this.byId("kq-erase-confirm").hidden = true;
    applyPosition(this);
    this.updateProgress();
    this.updateTargetsVisibility();
    notice(
      this.byId,
      "erased",
      "info",
      "Semua jawaban dan hasil penilaian telah dihapus dari peramban ini.",
    );
    this.byId("kq-erase").focus();
  }
}
