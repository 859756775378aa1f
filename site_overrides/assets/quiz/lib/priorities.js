// The competencies the reader marks as priorities. The engine orders the plan's focus by gap,
// the largest first; among equal gaps the marked ones come first, then the dictionary's order
// (generator/engine/plan.py). This module only shows the choice and says what is marked.

import { el } from "./dom.js";

// One checkbox per competency with a gap, in the result's (the dictionary's) order. With fewer
// than two gaps a priority changes nothing, so the choice stays hidden.
// response: the bridge's run_assessment answer; marked: the ids the result was computed with.
export function showPriorities(byId, response, marked) {
  const { view, result } = response;
  const rows = [];
  result.competencies.forEach((raw, index) => {
    if (raw.status !== "gap") return;
    const id = `kq-prio-${raw.id}`;
    const box = el("input", {
      type: "checkbox",
      id,
      "data-kq-priority": raw.id,
      checked: marked.includes(raw.id),
    });
    const item = view.competencies[index];
    const label = el("label", { for: id, text: `${item.name} (kesenjangan ${item.gap_label})` });
    rows.push(el("div", { class: "kq-priority" }, box, label));
  });
  byId("kq-priorities-list").replaceChildren(...rows);
  byId("kq-priorities").hidden = rows.length < 2;
}

// The marked competencies, in the list's order: the same marks always give the same plan.
export function markedPriorities(byId) {
  const boxes = byId("kq-priorities-list").querySelectorAll("input[data-kq-priority]:checked");
  return [...boxes].map((box) => box.dataset.kqPriority);
}
