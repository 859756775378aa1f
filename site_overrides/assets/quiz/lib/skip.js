// The adaptive questionnaire: once a level of a competency can no longer be met, the statements
// of the levels above it cannot change the estimate, so they are hidden (with a line saying
// why and a button to show them anyway) and left out of the progress count.
//
// No rule lives here. The engine (generator.engine.levels.LevelRule.skip_budget) gives every
// rating a penalty (data-kq-skip-penalties on the quiz root) and every level a budget
// (data-kq-budget on its statements): a level can no longer be met exactly when its answered
// ratings' penalties add up to more than its budget. A test checks that against the rule for
// every rule and every combination of answers; this file only adds and compares.

import { asked as askedCompetency } from "./position.js";

// The form's levels per competency, read once: [{id, name, note, text, toggle, levels:
// [{level, budget, nodes, ids}]}].
export function skipShape(root) {
  let penalties = {};
  try {
    penalties = JSON.parse(root.dataset.kqSkipPenalties || "{}");
  } catch (_) {
    penalties = {};
  }
  const competencies = [...root.querySelectorAll("[data-kq-competency]")].map((section) => {
    const levels = [];
    for (const node of section.querySelectorAll("[data-kq-indicator]")) {
      const level = Number(node.dataset.kqLevel);
      let group = levels[levels.length - 1];
      if (!group || group.level !== level) {
        group = { level, budget: Number(node.dataset.kqBudget), nodes: [], ids: [] };
        levels.push(group);
      }
      group.nodes.push(node);
      group.ids.push(node.dataset.kqIndicator);
    }
    const note = section.querySelector("[data-kq-skip-note]");
    const heading = section.querySelector("h3");
    return {
      id: section.dataset.kqCompetency,
      name: heading ? heading.textContent.replace(/^\d+\.\s*/, "") : section.dataset.kqCompetency,
      note,
      text: note ? note.querySelector(".kq-skip-text") : null,
      toggle: note ? note.querySelector("[data-kq-show-all]") : null,
      levels,
      blocked: null, // the level that can no longer be met, or null
      showAll: false,
    };
  });
  return { penalties, competencies };
}

// The first level whose answered ratings spend more than its budget, or null.
function blockedLevel(levels, penalties, ratings) {
  for (const group of levels) {
    let spent = 0;
    for (const id of group.ids) {
      if (Object.hasOwn(ratings, id)) spent += penalties[String(ratings[id])] || 0;
    }
    if (spent > group.budget) return group.level;
  }
  return null;
}

function span(first, last) {
  return first === last ? `level ${first}` : `level ${first} sampai ${last}`;
}

// Hides and shows statements for the current ratings; returns {competency id: [asked ids]}
// and the sentences to announce (a competency whose skipping changed), unless quiet.
export function applySkipping(shape, ratings) {
  const asked = {};
  const announce = [];
  for (const competency of shape.competencies) {
    const blocked = blockedLevel(competency.levels, shape.penalties, ratings);
    const top = competency.levels.length ? competency.levels[competency.levels.length - 1].level : 0;
    const skipping = blocked !== null && blocked < top;
    if (!skipping) competency.showAll = false;
    const hide = skipping && !competency.showAll;
    asked[competency.id] = [];
    for (const group of competency.levels) {
      const hidden = hide && group.level > blocked;
      for (const node of group.nodes) if (node.hidden !== hidden) node.hidden = hidden;
      if (!hidden) asked[competency.id].push(...group.ids);
    }
    const changed = (skipping ? blocked : null) !== competency.blocked;
    competency.blocked = skipping ? blocked : null;
    if (competency.note) {
      competency.note.hidden = !skipping;
      if (skipping) {
        const levels = span(blocked + 1, top);
        competency.text.textContent = competency.showAll
          ? `Pernyataan ${levels} ditampilkan atas pilihan Anda; jawabannya tidak mengubah ` +
            `hasil selama level ${blocked} belum terpenuhi.`
          : `Pernyataan ${levels} tidak ditanyakan karena level ${blocked} sudah pasti belum ` +
            `terpenuhi menurut jawaban Anda, sehingga jawaban level di atasnya tidak mengubah ` +
            `hasil. Pernyataan itu muncul kembali bila jawaban level ${blocked} berubah.`;
        competency.toggle.textContent = competency.showAll
          ? `Sembunyikan lagi pernyataan ${levels}`
          : `Tampilkan juga pernyataan ${levels}`;
        competency.toggle.setAttribute("aria-expanded", String(competency.showAll));
      }
    }
    if (changed) {
      announce.push(
        skipping
          ? `${competency.name}: pernyataan ${span(blocked + 1, top)} dilewati karena level ${blocked} sudah pasti belum terpenuhi.`
          : `${competency.name}: semua pernyataan ditampilkan kembali.`,
      );
    }
  }
  return { asked, announce };
}

// The "show anyway" button of one competency flips its choice; returns true when it did.
export function toggleShowAll(shape, button) {
  const competency = shape.competencies.find((item) => item.toggle === button);
  if (!competency) return false;
  competency.showAll = !competency.showAll;
  return true;
}

// The progress counts cover the statements the form asks: those hidden above are left out.
// quiz: the bound Quiz (its byId, root, shape and skip); announce: tell screen readers what
// was skipped (only after the reader's own change, not when answers are restored).
export function showProgress(quiz, ratings, announce) {
  const skipping = applySkipping(quiz.skip, ratings);
  let answered = 0;
  let total = 0;
  for (const competency of quiz.shape.competencies) {
    if (!askedCompetency(quiz.scope, competency.id)) continue; // another position's
    const asked = skipping.asked[competency.id] || competency.indicators;
    let count = 0;
    for (const id of asked) if (Object.hasOwn(ratings, id)) count += 1;
    answered += count;
    total += asked.length;
    const badge = quiz.root.querySelector(`[data-kq-count="${CSS.escape(competency.id)}"]`);
    const text = `${count}/${asked.length}`;
    // Writing the same text again would still dirty the layout: skip unchanged badges.
    if (badge && badge.textContent !== text) {
      badge.textContent = text;
      badge.dataset.complete = String(count === asked.length);
    }
  }
  const progress = quiz.byId("kq-progress");
  progress.max = total;
  progress.value = answered;
  quiz.byId("kq-progress-text").textContent = `${answered} dari ${total} pernyataan dijawab`;
  if (announce && skipping.announce.length) {
    quiz.byId("kq-skip-live").textContent = skipping.announce.join(" ");
  }
}
