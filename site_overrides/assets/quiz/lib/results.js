// Copies the engine's answer into the results section. Every number and label comes from
// Python (the result and its "view"); this module only builds elements around them.

import { attr, clear, el, emphasised, today } from "./dom.js";
import { showPlanDocument } from "./plan-doc.js";
import { showPriorities } from "./priorities.js";

const CHART_ALT =
  "Grafik level perkiraan dan target setiap kompetensi. Angka yang sama tercantum pada daftar di bawahnya.";
const CHART_CAPTION =
  "Batang menunjukkan level perkiraan (0 sampai 5); garis putus-putus bertanda T " +
  "menunjukkan target. Angka di ujung baris: level perkiraan / target (tanda – berarti " +
  "tanpa target).";

// "Pernyataan 5: <text>" linked to the statement in the form, then its id.
function statementLinks(className, statements) {
  return el(
    "ul",
    { class: className },
    ...statements.map((statement) =>
      el(
        "li",
        {},
        el("a", {
          href: `#kq-i-${statement.id}`,
          text: `Pernyataan ${statement.number}: ${statement.text}`,
        }),
        ` (${statement.id})`,
      ),
    ),
  );
}

// Per level, how many statements are met out of how many (the numbers are the engine's).
function levelProgress(item, raw) {
  return el(
    "ul",
    { class: "kq-levels" },
    ...item.levels.map((level, index) =>
      el("li", {
        "data-level": level.level,
        "data-met": raw.levels[index].met,
        "data-total": raw.levels[index].total,
        text: level.label,
      }),
    ),
  );
}

function competencyItem(item, raw) {
  const numbers = el(
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
      class: `kq-result kq-result--${raw.status}`,
      "data-competency": raw.id,
      "data-estimated": attr(raw.estimated),
      "data-target": attr(raw.target),
      "data-gap": attr(raw.gap),
      "data-status": raw.status,
    },
    el("h3", { class: "kq-result-title", text: item.name }),
    numbers,
    el("p", { class: "kq-explanation", text: item.explanation }),
  );
  node.append(
    el("p", { class: "kq-next-step", text: item.next_step }),
    levelProgress(item, raw),
  );
  if (item.decisive.length) {
    // The explanation names indicators by id; each link leads to the statement in the form.
    node.append(
      el("p", { class: "kq-decisive-title", text: "Pernyataan yang belum terpenuhi:" }),
      statementLinks("kq-decisive", item.decisive),
    );
  }
  if (item.borderline) {
    node.setAttribute("data-borderline", "");
    node.append(
      el("p", {
        class: "kq-borderline-title",
        text:
          "Hasil ini bergantung pada satu jawaban: mengubah salah satu pernyataan berikut satu " +
          "langkah akan mengubah level. Tinjaulah bersama atasan Anda.",
      }),
      statementLinks("kq-borderline", item.borderline_statements),
    );
  }
  if (!item.complete) {
    node.append(
      el(
        "p",
        { class: "kq-incomplete" },
        `${item.unanswered_count} pernyataan belum dijawab. `,
        el("a", { href: `#kq-c-${raw.id}`, text: `Lengkapi ${item.name}` }),
      ),
    );
  }
  return node;
}

// Swap (for another activity of the same competency, level and category) and remove.
function planControls(item) {
  const id = item.activity_id;
  const controls = el("div", { class: "kq-plan-edit kq-no-print" });
  if (item.alternatives.length) {
    const select = el("select", { class: "kq-select", id: `kq-swap-${id}` });
    for (const option of item.alternatives) {
      select.append(el("option", { value: option.id, "data-jp": option.jp, text: option.label }));
    }
    controls.append(
      el("label", { class: "kq-label", for: `kq-swap-${id}`, text: "Ganti dengan" }),
      select,
      el("button", {
        type: "button",
        class: "md-button kq-button",
        "data-plan-action": "swap",
        "data-activity-id": id,
        "aria-label": `Ganti aktivitas ${item.form_name} untuk ${item.competency_name}`,
        text: "Ganti",
      }),
    );
  }
  controls.append(
    el("button", {
      type: "button",
      class: "md-button kq-button",
      "data-plan-action": "remove",
      "data-activity-id": id,
      "aria-label": `Hapus aktivitas ${item.form_name} untuk ${item.competency_name}`,
      text: "Hapus",
    }),
  );
  return controls;
}

function planItem(item, editable) {
  return el(
    "li",
    {
      class: "kq-plan-item",
      "data-plan-item": true,
      "data-activity-id": item.activity_id,
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
    el("p", { class: "kq-plan-activity" }, ...emphasised(item.activity)),
    editable ? planControls(item) : null,
  );
}

function planCategory(category) {
  const section = el(
    "section",
    { class: "kq-plan-category", "data-plan-category": category.id, "data-jp": category.jp },
    el("h3", { text: `${category.name} (${category.id}%): ${category.jp} JP` }),
    el("p", { class: "kq-hint", text: category.description }),
  );
  const items = el("ul", { class: "kq-plan-items" });
  for (const item of category.items) items.append(planItem(item, true));
  if (!category.items.length) {
    items.append(
      el("li", { class: "kq-plan-empty", text: "Tidak ada aktivitas pada kategori ini." }),
    );
  }
  section.append(items);
  return section;
}

// byId: looks up an element of the quiz root; response: the bridge's run_assessment answer;
// priorities: the competency ids marked as priorities in the answers assessed.
//
// Everything new is built off the document first, then written in one go with no layout read
// in between (replaceChildren per container, one attribute per flag): the browser then styles
// and lays out the results once, not once per competency and plan item.
export function showResults(byId, response, priorities) {
  const { view, result } = response;
  const chart = [
    el("img", {
      src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(view.chart),
      alt: CHART_ALT,
      class: "kq-chart-image",
    }),
    el("figcaption", { text: CHART_CAPTION }),
  ];
  const list = document.createDocumentFragment();
  view.competencies.forEach((item, index) => {
    list.append(competencyItem(item, result.competencies[index]));
  });
  const plan = document.createDocumentFragment();
  if (view.plan.uncertain.length) {
    plan.append(
      el(
        "ul",
        { class: "kq-uncertain" },
        ...view.plan.uncertain.map((sentence) => el("li", { text: sentence })),
      ),
    );
  }
  for (const category of view.plan.categories) plan.append(planCategory(category));
  const date = today();

  byId("kq-meta-basis").textContent = view.basis;
  byId("kq-meta-version").textContent = view.standards_version;
  byId("kq-meta-date").textContent = date;
  byId("kq-summary").textContent = view.summary;
  byId("kq-chart").replaceChildren(...chart);
  byId("kq-result-list").replaceChildren(list);
  byId("kq-plan-note").textContent = `${view.plan.mode_label}. ${view.plan.note}`;
  byId("kq-plan").replaceChildren(plan);
  byId("kq-plan-totals").textContent =
    `Jumlah: ${view.plan.totals_label}; pembagian tercapai ${view.plan.split}.`;
  byId("kq-plan-agency-list").replaceChildren(
    ...view.plan.agency.map((item) => planItem(item, false)),
  );
  byId("kq-plan-add-select").replaceChildren(
    el("option", { value: "", text: "Pilih aktivitas…" }),
    ...view.plan.addable.map((option) =>
      el("option", { value: option.id, "data-jp": option.jp, text: option.label }),
    ),
  );
  byId("kq-plan-add").hidden = !view.plan.addable.length && !view.plan.edited;
  byId("kq-plan-add-choice").hidden = !view.plan.addable.length;
  byId("kq-plan-reset").hidden = !view.plan.edited;
  showPlanDocument(byId, view);
  showPriorities(byId, response, priorities);
  byId("kq-plan-agency").hidden = !view.plan.agency.length;
  byId("kq-plan-later-list").replaceChildren(
    ...view.plan.later.map((item) => el("li", { text: item.reason })),
  );
  byId("kq-plan-later").hidden = !view.plan.later.length;
  byId("kq-stale").hidden = true;
  byId("kq-hasil").hidden = false;
  markResultShown(true);
}

// The print style hides the form once there is a result. The flag is an attribute, not a class:
// Material has selectors such as `.md-typeset table:not([class]) td > :first-child`, so any
// class change on <html> restyled the whole page (744 elements, the largest single cost between
// the engine's answer and the rendered plan).
export function markResultShown(shown) {
  document.documentElement.toggleAttribute("data-kq-result", shown);
}

export function clearResults(byId) {
  byId("kq-hasil").hidden = true;
  byId("kq-compare").hidden = true;
  for (const id of ["kq-result-list", "kq-plan", "kq-chart", "kq-compare-body", "kq-plan-agency-list", "kq-plan-later-list", "kq-priorities-list"]) {
    clear(byId(id));
  }
  markResultShown(false);
}

export function showComparison(byId, comparison) {
  byId("kq-compare-other-head").textContent = comparison.label;
  byId("kq-compare-summary").textContent = comparison.summary;
  const body = byId("kq-compare-body");
  clear(body);
  for (const row of comparison.rows) {
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
        el("td", { text: row.difference_label }),
        el("td", { text: row.target_label }),
      ),
    );
  }
  byId("kq-compare").hidden = false;
  const title = byId("kq-compare-title");
  title.setAttribute("tabindex", "-1");
  title.focus();
}
