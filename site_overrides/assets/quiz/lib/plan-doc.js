// "Rencana Pengembangan Kompetensi": the printed plan. Every value comes from the engine's view
// (focus, the year's schedule with quarter and evidence, totals) or from the identity fields the
// reader typed; this module only puts them in the document's tables.

import { el, emphasised } from "./dom.js";

const BLANK = "……………………………";

// ``fields``: the form's identity fields ({key, label}, formShape), in the document's order.
export function showIdentity(byId, identity, fields) {
  byId("kq-doc-identity").replaceChildren(
    ...fields.map(({ key, label }) =>
      el(
        "tr",
        {},
        el("th", { scope: "row", text: label }),
        el("td", { text: (identity[key] || "").trim() || BLANK }),
      ),
    ),
  );
  byId("kq-doc-sign-name").textContent = (identity.name || "").trim() || `(${BLANK})`;
  byId("kq-doc-sign-nip").textContent = `NIP ${(identity.nip || "").trim()}`.trim();
}

export function showPlanDocument(byId, view) {
  const plan = view.plan;
  byId("kq-doc-focus").replaceChildren(
    ...plan.focus.map((item) =>
      el(
        "tr",
        {},
        el("td", { text: item.name }),
        el("td", { text: item.estimated_label }),
        el("td", { text: item.target_label }),
        el("td", { text: item.gap_label }),
      ),
    ),
  );
  byId("kq-doc-items").replaceChildren(
    ...plan.schedule.map((item, index) =>
      el(
        "tr",
        {},
        el("td", { text: String(index + 1) }),
        el("td", { text: item.competency_name }),
        el("td", {}, ...emphasised(item.activity)),
        el("td", { text: item.form_name }),
        el("td", { text: item.category }),
        el("td", { text: String(item.jp) }),
        el("td", { text: item.quarter }),
        el("td", { text: item.evidence }),
      ),
    ),
  );
  byId("kq-doc-totals").textContent =
    `Jumlah: ${plan.totals_label}; pembagian tercapai ${plan.split} ` +
    `(${plan.categories.map((category) => category.id).join(" : ")}).`;
  byId("kq-doc-agency").textContent = plan.agency.length
    ? "Diusulkan kepada atasan (tidak dihitung dalam alokasi JP): " +
      plan.agency.map((item) => `${item.competency_name}, ${item.form_name}`).join("; ") +
      "."
    : "";
  byId("kq-doc-later").textContent = plan.later.length
    ? "Ditunda ke rencana berikutnya: " +
      plan.later.map((item) => item.competency_name).join(", ") +
      "."
    : "";
}
