// Notices (storage, migration, sharing) and the error summary that receives focus.

import { clear, el } from "./dom.js";

export function notice(quiz, key, kind, text, actions) {
  const box = quiz.byId("kq-notices");
  const existing = box.querySelector(`[data-kq-notice="${CSS.escape(key)}"]`);
  if (existing) existing.remove();
  const node = el(
    "div",
    { class: `kq-box kq-box--${kind}`, "data-kq-notice": key },
    el("p", { text }),
  );
  const buttons = el("p", { class: "kq-notice-actions" });
  const button = (label, run) => {
    const element = el("button", { type: "button", class: "md-button kq-button", text: label });
    element.addEventListener("click", () => {
      node.remove();
      run();
    });
    buttons.append(element);
  };
  for (const action of actions || []) button(action.label, action.run);
  button("Tutup pemberitahuan", () => {});
  node.append(buttons);
  box.append(node);
}

export function showErrors(quiz, title, problems) {
  quiz.byId("kq-errors-title").textContent = title;
  const list = quiz.byId("kq-errors-list");
  clear(list);
  for (const item of problems) {
    const text = item.path ? `${item.path}: ${item.message}` : item.message;
    if (!item.target) {
      list.append(el("li", { text }));
      continue;
    }
    const link = el("a", { href: "#" + item.target, text });
    link.addEventListener("click", (event) => {
      const target = quiz.byId(item.target);
      if (!target) return;
      event.preventDefault();
      const control = target.matches("input, select, button")
        ? target
        : target.querySelector("input, select, button");
      (control || target).focus();
    });
    list.append(el("li", {}, link));
  }
  const box = quiz.byId("kq-errors");
  box.hidden = false;
  box.focus();
}

export function hideErrors(quiz) {
  quiz.byId("kq-errors").hidden = true;
}
