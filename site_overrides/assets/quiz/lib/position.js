// The chosen position decides which technical competencies the form asks.
//
// The page holds every managerial and socio-cultural competency, and the technical ones some
// real position lists, hidden (data-kq-technical). Each position's option names the technical
// competencies it brings (data-kq-technical="id id"); the engine applies the same rule
// (generator.engine.scope), so this file only shows, hides and filters. A template position,
// "Tanpa jabatan" or own targets bring none.

const PARAMETER = "jabatan";

// The form's technical parts, read once: {sections: Map(id -> {section, item, name,
// indicators}), base: [indicator ids every form asks], asked: Set, competencies: Set}.
export function positionScope(root) {
  const sections = new Map();
  const base = [];
  for (const section of root.querySelectorAll("[data-kq-competency]")) {
    const indicators = [...section.querySelectorAll("[data-kq-indicator]")].map(
      (node) => node.dataset.kqIndicator,
    );
    const id = section.dataset.kqCompetency;
    if (!section.hasAttribute("data-kq-technical")) {
      base.push(...indicators);
      continue;
    }
    const heading = section.querySelector("h3");
    sections.set(id, {
      section,
      item: root.querySelector(`[data-kq-technical-item="${CSS.escape(id)}"]`),
      name: heading ? heading.textContent.replace(/^Teknis:\s*/, "") : id,
      indicators,
    });
  }
  return { sections, base, asked: new Set(base), competencies: new Set(), chosen: [] };
}

// The technical competency ids an option of the position selector brings.
export function technicalOf(option) {
  const listed = option ? option.dataset.kqTechnical || "" : "";
  return listed.split(" ").filter(Boolean);
}

// Shows the chosen position's technical competencies and hides the others; afterwards
// scope.asked holds the indicator ids the form asks (the ratings sent to the engine).
export function applyPosition(quiz) {
  const scope = quiz.scope;
  const chosen = technicalOf(quiz.position.selectedOptions[0]).filter((id) =>
    scope.sections.has(id),
  );
  scope.chosen = chosen;
  scope.competencies = new Set(chosen);
  scope.asked = new Set(scope.base);
  for (const [id, entry] of scope.sections) {
    const shown = scope.competencies.has(id);
    if (entry.section.hidden === shown) entry.section.hidden = !shown;
    if (entry.item && entry.item.hidden === shown) entry.item.hidden = !shown;
    if (shown) for (const indicator of entry.indicators) scope.asked.add(indicator);
  }
  const line = quiz.byId("kq-position-technical");
  const names = chosen.map((id) => scope.sections.get(id).name);
  const text = names.length
    ? `Jabatan ini menambahkan ${names.length} kompetensi teknis ke langkah 2: ${names.join(", ")}.`
    : "";
  if (line && line.textContent !== text) line.textContent = text;
}

// Whether a competency's statements are in the form for the chosen position.
export function asked(scope, competencyId) {
  return !scope.sections.has(competencyId) || scope.competencies.has(competencyId);
}

// /asesmen/?jabatan=<id>: that position chosen (the answers are kept). An id the selector does
// not offer leaves the selector as it was, with a message. Returns true when it chose one.
export function openPositionLink(quiz) {
  const wanted = new URLSearchParams(location.search).get(PARAMETER);
  if (wanted === null) return false;
  const message = quiz.byId("kq-position-message");
  const option = [...quiz.position.options].find((item) => item.value && item.value === wanted);
  if (!option) {
    const shown = wanted.trim().slice(0, 80) || "(kosong)";
    message.textContent =
      `Jabatan dengan kode “${shown}” dari tautan tidak ditemukan di situs ini. ` +
      "Pilih jabatan Anda dari daftar di atas.";
    message.hidden = false;
    return false;
  }
  message.hidden = true;
  if (quiz.position.value === wanted) return false;
  quiz.position.value = wanted;
  return true;
}
