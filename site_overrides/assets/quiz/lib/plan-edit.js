// The plan's settings (focus, identity, priorities, the edited plan) in the form, and editing
// the plan: swap, remove, add, or back to the engine's choice. The engine checks and re-totals every
// edited plan (the same check as `kompetensi assess --plan`); this module only says which
// activities the reader picked.

import { withinLimits } from "./answers.js";
import { showIdentity } from "./plan-doc.js";
import { markedPriorities } from "./priorities.js";

// Into ``doc`` (read from the form): the focus, the identity typed, the edited plan.
export function readPlanSettings(quiz, doc) {
  const focus = quiz.focusInput.value.trim();
  doc.focus = /^\d+$/.test(focus) ? Number(focus) : null;
  for (const { key } of quiz.shape.identity) {
    const value = quiz.byId(`kq-id-${key}`).value;
    if (value.trim()) doc.identity[key] = value;
  }
  doc.priorities = quiz.priorities;
  doc.plan = quiz.plan;
  showIdentity(quiz.byId, doc.identity, quiz.shape.identity);
}

export function applyPlanSettings(quiz, doc) {
  quiz.focusInput.value = String(doc.focus ?? quiz.shape.defaultFocus);
  for (const { key } of quiz.shape.identity) {
    quiz.byId(`kq-id-${key}`).value = (doc.identity && doc.identity[key]) || "";
  }
  quiz.priorities = doc.priorities || [];
  quiz.plan = doc.plan || null;
}

// What keeps the form from being assessed, each with the field to fix.
export function formProblems(doc, shape) {
  const problems = [];
  if (!Object.keys(doc.ratings).length) {
    problems.push({
      path: "",
      message:
        "Belum ada pernyataan yang dijawab. Jawab pernyataan pada langkah 2 terlebih dahulu.",
      target: "kq-i-" + shape.indicators[0],
    });
  }
  const limited = [
    ["total_jp", shape.jp, "Total jam pelajaran", "kq-jp"],
    ["focus", shape.focus, "Jumlah kompetensi fokus", "kq-focus"],
  ];
  for (const [key, limits, label, target] of limited) {
    if (withinLimits(doc[key], limits)) continue;
    const message = `${label} harus bilangan bulat dari ${limits.min} sampai ${limits.max}.`;
    problems.push({ path: "", message, target });
  }
  return problems;
}

function planItems(quiz) {
  return quiz.last.response.result.plan.items.map((item) => ({
    activity_id: item.activity_id,
    jp: item.jp,
  }));
}

// items: the edited plan's activities, or null for the engine's own choice again. The reply is
// shown at once, and the plan is saved with the answers (and so exported and shared).
export async function editPlan(quiz, items) {
  if (!quiz.last) return;
  const shown = quiz.last.response.result.plan;
  quiz.plan = items && { focus: shown.focus, budget_jp: shown.budget_jp, items };
  const doc = { ...quiz.last.doc, plan: quiz.plan };
  quiz.store.set(quiz.storageKey, JSON.stringify({ ...quiz.readForm(), submitted: true }));
  const response = await quiz.assess({ focus: false, doc });
  if (response) quiz.byId("kq-plan-totals").focus();
}

// New priorities make a new plan (the edited one is let go), from the answers of the result
// shown; the checkbox the reader pressed keeps the focus although the list is drawn anew.
async function prioritiesChanged(quiz, event) {
  const box = event.target.closest("input[data-kq-priority]");
  if (!box || !quiz.last) return;
  quiz.priorities = markedPriorities(quiz.byId);
  quiz.plan = null;
  const doc = { ...quiz.last.doc, priorities: quiz.priorities, plan: null };
  quiz.store.set(quiz.storageKey, JSON.stringify({ ...quiz.readForm(), submitted: true }));
  const response = await quiz.assess({ focus: false, doc });
  if (response) quiz.byId(box.id)?.focus();
}

// Swap and remove buttons sit in every plan item; one listener serves them all.
function planClicked(quiz, event) {
  const button = event.target.closest("button[data-plan-action]");
  if (!button || !quiz.last) return;
  const id = button.dataset.activityId;
  const items = planItems(quiz);
  const index = items.findIndex((item) => item.activity_id === id);
  if (index < 0) return;
  if (button.dataset.planAction === "remove") items.splice(index, 1);
  else {
    const select = quiz.byId(`kq-swap-${id}`);
    const option = select && select.selectedOptions[0];
    if (!option || !option.value) return;
    items[index] = { activity_id: option.value, jp: Number(option.dataset.jp) };
  }
  editPlan(quiz, items);
}

function addToPlan(quiz) {
  const option = quiz.byId("kq-plan-add-select").selectedOptions[0];
  if (!quiz.last || !option || !option.value) return;
  editPlan(quiz, [...planItems(quiz), { activity_id: option.value, jp: Number(option.dataset.jp) }]);
}

export function bindPlan(quiz) {
  // A new allowance or focus asks for a new plan: the edited one is let go.
  for (const input of [quiz.jp, quiz.focusInput]) {
    quiz.listen(input, "input", () => {
      quiz.plan = null;
      quiz.formChanged();
    });
  }
  quiz.listen(quiz.byId("kq-plan"), "click", (event) => planClicked(quiz, event));
  quiz.listen(quiz.byId("kq-plan-add-button"), "click", () => addToPlan(quiz));
  quiz.listen(quiz.byId("kq-plan-reset"), "click", () => editPlan(quiz, null));
  quiz.listen(quiz.byId("kq-priorities"), "change", (event) => prioritiesChanged(quiz, event));
}
