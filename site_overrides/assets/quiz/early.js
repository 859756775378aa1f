// Kompetensi ASN — answers given before the quiz is bound (a classic script, inlined).
//
// The build inlines this file right after the quiz root opens (generator/quiz/page.py), so it
// runs when the parser reaches the quiz. Parsing the 135 questions takes the parser longer
// than loading quiz.js, and quiz.js can bind only the complete form: until it does, this
// script keeps the answers. The form's change/input events bubble to the root, so one set of
// listeners there sees every control as soon as the parser has made it. Each answer is saved
// at once (localStorage under its own key; in memory when storage fails) and counted in the
// progress bar and its competency's badge.
//
// lib/controller.js takes these answers when it binds (root.kqEarly), puts them on top of the
// saved ones, since they are newer, and stops this script; storage keeps them if the page is
// closed or reloaded before that. Inline, not a file, so it waits for no request; its hash is
// in the CSP (generator/csp.py). Material's instant navigation runs it again in place in the
// page it swaps in: it then serves that page's new root.

(() => {
  "use strict";

  const script = document.currentScript;
  const root = script && script.closest("[data-kq-root]");
  if (!root || root.kqEarly || root.dataset.kqBound) return;
  const key = "kompetensi-asn:jawaban-awal:" + (root.dataset.standardsVersion || "");

  let storage = null;
  let answers = null;
  try {
    storage = window.localStorage;
    answers = JSON.parse(storage.getItem(key));
  } catch (_) {
    // Storage disabled or an unreadable value: this page's answers stay in memory.
  }
  // Answers of an earlier visit that closed before binding are kept, not replaced.
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  if (!isObject(answers)) answers = {};
  if (!isObject(answers.ratings)) answers.ratings = {};
  if (!isObject(answers.targets)) answers.targets = {};

  function save() {
    if (!storage) return;
    try {
      storage.setItem(key, JSON.stringify(answers));
    } catch (_) {
      storage = null;
    }
  }

  // The same counts and words as the controller's updateProgress, for what the form shows now.
  function count(input) {
    const answered = input.form.querySelectorAll("[data-kq-indicator] input:checked").length;
    const progress = root.querySelector("#kq-progress");
    const text = root.querySelector("#kq-progress-text");
    if (progress) progress.value = answered;
    if (progress && text) text.textContent = answered + " dari " + progress.max + " pernyataan dijawab";
    const section = input.closest("[data-kq-competency]");
    const id = section ? section.dataset.kqCompetency : "";
    const badge = section && root.querySelector('[data-kq-count="' + CSS.escape(id) + '"]');
    if (!badge) return;
    const done = section.querySelectorAll("input[type=radio]:checked").length;
    const total = Number(badge.dataset.kqTotal);
    badge.textContent = done + "/" + total;
    badge.dataset.complete = String(done === total);
  }

  // The events the controller listens to: change in the form, input in the JP field.
  function changed(event) {
    if (root.dataset.kqBound) {
      stop();
      return;
    }
    const input = event.target;
    if (!input.form || input.form.id !== "kq-form") return;
    if (event.type === "input" && input.id !== "kq-jp") return;
    if (input.type === "radio") {
      const item = input.closest("[data-kq-indicator]");
      if (!item || item.dataset.kqIndicator !== input.name || !input.checked) return;
      answers.ratings[input.name] = Number(input.value);
      count(input);
    } else if (input.name === "position") {
      answers.position = input.value || null;
    } else if (input.dataset.kqTarget) {
      answers.targets[input.dataset.kqTarget] = input.value ? Number(input.value) : null;
    } else if (input.id === "kq-jp") {
      const text = input.value.trim();
      if (!/^\d+$/.test(text)) return;
      answers.total_jp = Number(text);
    } else return;
    save();
  }

  function stop() {
    root.removeEventListener("change", changed);
    root.removeEventListener("input", changed);
  }

  root.addEventListener("change", changed);
  root.addEventListener("input", changed);
  // For the controller: the answers (the in-memory copy is complete even without storage).
  root.kqEarly = { key, answers: () => answers, stop };
  // From here on an answer is saved and counted (bench/quiz.py's "first answerable").
  root.dataset.kqAnswerable = "true";
})();
