// Notices (storage, migration, sharing) and the error summary that receives focus.
// byId: the quiz's element lookup (its root's #id), all these need of it.

import { clear, el } from "./dom.js";

export function notice(byId, key, kind, text, actions) {
  const box = byId("kq-notices");
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

export function showErrors(byId, title, problems) {
  byId("kq-errors-title").textContent = title;
  const list = byId("kq-errors-list");
  clear(list);
  for (const item of problems) {
    const text = item.path ? `${item.path}: ${item.message}` : item.message;
    if (!item.target) {
      list.append(el("li", { text }));
      continue;
    }
    const link = el("a", { href: "#" + item.target, text });
    link.addEventListener("click", (event) => {
      const target = byId(item.target);
      if (!target) return;
      event.preventDefault();
      const control = target.matches("input, select, button")
        ? target
        : target.querySelector("input, select, button");
      (control || target).focus();
    });
    list.append(el("li", {}, link));
  }
  const box = byId("kq-errors");
  box.hidden = false;
  box.focus();
}

export function hideErrors(byId) {
  byId("kq-errors").hidden = true;
}

// Storage failed (Store's reason: "quota" or "disabled"): the answers live only in the page.
export function storageProblem(byId, reason) {
  const text =
    reason === "quota"
      ? "Penyimpanan peramban penuh, sehingga jawaban hanya disimpan sementara di halaman ini dan akan hilang bila halaman ditutup. Unduh jawaban Anda sebagai JSON agar tidak hilang."
      : "Penyimpanan lokal peramban tidak tersedia (misalnya dinonaktifkan atau mode privat), sehingga jawaban hanya disimpan sementara di halaman ini. Unduh jawaban Anda sebagai JSON agar tidak hilang.";
  notice(byId, reason === "quota" ? "storage-quota" : "storage-disabled", "warning", text);
}

// The problems to show when the engine call failed (error: what engine.call threw)...
export function engineFailure(error) {
  const detail = error && error.code ? `${error.code}: ${error.detail || ""}` : String(error);
  return [
    {
      path: "",
      message: "Terjadi kesalahan saat menghitung hasil. Jawaban Anda tetap tersimpan; coba lagi.",
    },
    { path: "", message: `Rincian teknis: ${detail}` },
  ];
}

// ...or when it refused the request (response: its reply, ok false).
export function engineRefusal(response) {
  const problems = [{ path: "", message: response.message }];
  for (const item of response.problems || []) {
    const message = item.hint ? `${item.message} (${item.hint})` : item.message;
    problems.push({ path: item.path, message });
  }
  if (response.detail) problems.push({ path: "", message: `Rincian teknis: ${response.detail}` });
  return problems;
}

export function showEngineProblems(byId, problems) {
  showErrors(byId, "Mesin penilaian tidak dapat memproses jawaban", problems);
}
