// The answers document: what is saved, exported, imported and shared, and its validation.
//
// Everything is checked against the page's own static form (its indicator ids, rating values,
// positions and target levels), so a saved or imported document can never put anything in the
// form that the form does not offer. Strict validation is all-or-nothing; lenient validation
// (answers saved under an older standards version) drops what no longer fits and counts it.

export const SHARE_KEY = "jawaban";

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isInteger(value) {
  return typeof value === "number" && Number.isInteger(value);
}

// limits: {min, max} from formShape.
export function withinLimits(value, limits) {
  return isInteger(value) && value >= limits.min && value <= limits.max;
}

// What the static form offers, read once from the page. ``indicators`` and
// ``baseCompetencies`` are what every form asks (a share link's fixed part); a real position
// adds its technical competencies (``technicalOf``: position id -> their indicator ids).
export function formShape(root) {
  const all = [...root.querySelectorAll("[data-kq-indicator]")].map(
    (node) => node.dataset.kqIndicator,
  );
  const first = root.querySelectorAll(`input[type=radio][name="${CSS.escape(all[0])}"]`);
  const targetSelects = [...root.querySelectorAll("[data-kq-target]")];
  const position = root.querySelector("select[name=position]");
  const competencies = [...root.querySelectorAll("[data-kq-competency]")].map((section) => ({
    id: section.dataset.kqCompetency,
    technical: section.hasAttribute("data-kq-technical"),
    indicators: [...section.querySelectorAll("[data-kq-indicator]")].map(
      (node) => node.dataset.kqIndicator,
    ),
  }));
  const byId = new Map(competencies.map((c) => [c.id, c]));
  const baseCompetencies = competencies.filter((c) => !c.technical);
  const technicalOf = new Map();
  for (const option of position.options) {
    const listed = (option.dataset.kqTechnical || "").split(" ").filter((id) => byId.has(id));
    if (listed.length) technicalOf.set(option.value, listed.flatMap((id) => byId.get(id).indicators));
  }
  return {
    version: root.dataset.standardsVersion || "",
    // The standard's defaults and the engine's limits, written by the build (quiz/page.py).
    defaultJp: Number(root.dataset.defaultJp),
    defaultFocus: Number(root.dataset.defaultFocus),
    jp: { min: Number(root.dataset.minJp), max: Number(root.dataset.maxJp) },
    focus: { min: Number(root.dataset.minFocus), max: Number(root.dataset.maxFocus) },
    indicators: baseCompetencies.flatMap((c) => c.indicators),
    indicatorSet: new Set(all),
    scaleValues: [...first].map((input) => Number(input.value)),
    competencies,
    baseCompetencies,
    technicalOf,
    targetLevels: targetSelects.length
      ? [...targetSelects[0].options].filter((o) => o.value).map((o) => Number(o.value))
      : [],
    positions: new Set([...position.options].filter((o) => o.value).map((o) => o.value)),
    // The answers document's format, version and keys, written by the build from the Python
    // constants the command checks a file with (generator/engine/answers_document.py).
    format: root.dataset.answerFormat,
    formatVersion: Number(root.dataset.answerFormatVersion),
    answerKeys: (root.dataset.answerKeys || "").split(" "),
    // The largest answers file read, in bytes (the recap's limit for the same files too).
    maxFileBytes: Number(root.dataset.maxFileBytes),
    // The identity printed on the plan, in its order: optional texts kept on the device (never
    // in a share link). The form's fields give the keys, their labels and the longest text.
    identity: [...root.querySelectorAll("[data-kq-identity]")].map((input) => ({
      key: input.dataset.kqIdentity,
      label: input.labels[0].textContent,
      maxLength: input.maxLength,
    })),
  };
}

export function emptyDoc(shape) {
  return {
    format: shape.format,
    format_version: shape.formatVersion,
    standards_version: shape.version,
    position: null,
    targets: {},
    total_jp: shape.defaultJp,
    focus: shape.defaultFocus,
    identity: {},
    priorities: [], // competency ids the reader marked (see priorities.js)
    plan: null,
    ratings: {},
    submitted: false,
  };
}

// An edited plan: {focus?, budget_jp?, items: [{activity_id, jp}]}. The page only keeps it
// (copyPlan) and passes it on, so it checks no more than that the items are objects. What each
// item holds (a catalogue activity, its JP, at most 200, each once) is the engine's check, the
// same as the CLI's (generator/engine/plan_edit.py): the page shows its located messages.
function planProblem(plan) {
  if (!isPlainObject(plan) || !Array.isArray(plan.items)) return "harus berupa objek dengan items";
  return plan.items.every(isPlainObject) ? null : "setiap aktivitas harus berupa {activity_id, jp}";
}

// The marked priorities: a list of the form's competency ids (a share link writes each as its
// place in the form). That each is marked once, and is asked for the position, is the engine's
// check (generator/engine/inputs.py): the page shows its located messages.
function prioritiesProblem(priorities, shape) {
  if (!Array.isArray(priorities)) return "harus berupa daftar id kompetensi";
  const known = new Set(shape.competencies.map((c) => c.id));
  return priorities.every((key) => known.has(key))
    ? null
    : "harus berupa daftar id kompetensi yang dikenal";
}

function copyPlan(plan) {
  const copy = { items: plan.items.map((item) => ({ activity_id: item.activity_id, jp: item.jp })) };
  if (Array.isArray(plan.focus)) copy.focus = plan.focus.filter((key) => typeof key === "string");
  if (isInteger(plan.budget_jp)) copy.budget_jp = plan.budget_jp;
  return copy;
}

export function validate(doc, shape, lenient) {
  const problems = [];
  const dropped = [];
  const soft = (path, message) => (lenient ? dropped : problems).push({ path, message });
  if (!isPlainObject(doc)) {
    return { problems: [{ path: "", message: "isi berkas harus berupa objek JSON" }], dropped };
  }
  for (const key of Object.keys(doc)) {
    if (!shape.answerKeys.includes(key)) problems.push({ path: key, message: "kunci tidak dikenal" });
  }
  if (doc.format !== shape.format) {
    problems.push({ path: "format", message: `harus "${shape.format}"` });
  }
  if (doc.format_version !== shape.formatVersion) {
    problems.push({ path: "format_version", message: `harus ${shape.formatVersion}` });
  }
  if (typeof doc.standards_version !== "string") {
    problems.push({ path: "standards_version", message: "harus berupa teks" });
  } else if (doc.standards_version !== shape.version && !lenient) {
    problems.push({
      path: "standards_version",
      message: `dibuat untuk versi standar ${doc.standards_version}, sedangkan halaman ini memakai versi ${shape.version}`,
    });
  }
  const value = emptyDoc(shape);
  if (doc.position !== null && doc.position !== undefined) {
    if (typeof doc.position === "string" && shape.positions.has(doc.position)) {
      value.position = doc.position;
    } else soft("position", "jabatan tidak dikenal");
  }
  if (doc.targets !== null && doc.targets !== undefined) {
    if (!isPlainObject(doc.targets)) {
      soft("targets", "harus berupa objek");
    } else {
      // Own targets cover the managerial and socio-cultural competencies only.
      const known = new Set(shape.baseCompetencies.map((c) => c.id));
      for (const key of Object.keys(doc.targets)) {
        const target = doc.targets[key];
        if (!known.has(key)) soft(`targets.${key}`, "kompetensi tidak dikenal");
        else if (target === null) value.targets[key] = null;
        else if (isInteger(target) && shape.targetLevels.includes(target)) value.targets[key] = target;
        else soft(`targets.${key}`, `harus level ${shape.targetLevels.join(", ")} atau null`);
      }
    }
  }
  for (const [key, limits] of [
    ["total_jp", shape.jp],
    ["focus", shape.focus],
  ]) {
    if (doc[key] === undefined || doc[key] === null) continue;
    if (withinLimits(doc[key], limits)) value[key] = doc[key];
    else soft(key, `harus bilangan bulat ${limits.min} sampai ${limits.max}`);
  }
  if (doc.identity !== undefined && doc.identity !== null) {
    if (!isPlainObject(doc.identity)) soft("identity", "harus berupa objek");
    else {
      for (const key of Object.keys(doc.identity)) {
        const text = doc.identity[key];
        const field = shape.identity.find((item) => item.key === key);
        if (!field) soft(`identity.${key}`, "kunci tidak dikenal");
        else if (typeof text !== "string" || text.length > field.maxLength) {
          soft(`identity.${key}`, `harus berupa teks paling panjang ${field.maxLength} karakter`);
        } else if (text.trim()) value.identity[key] = text;
      }
    }
  }
  if (doc.priorities !== undefined && doc.priorities !== null) {
    const problem = prioritiesProblem(doc.priorities, shape);
    if (problem) soft("priorities", problem);
    else value.priorities = [...doc.priorities];
  }
  if (doc.plan !== undefined && doc.plan !== null) {
    const problem = planProblem(doc.plan);
    if (problem) soft("plan", problem);
    // Answers moved from another standards version keep their ratings; the plan is made anew.
    else if (!lenient) value.plan = copyPlan(doc.plan);
  }
  if (!isPlainObject(doc.ratings)) {
    problems.push({ path: "ratings", message: "harus berupa objek" });
  } else {
    for (const key of Object.keys(doc.ratings)) {
      const rating = doc.ratings[key];
      if (!shape.indicatorSet.has(key)) soft(`ratings.${key}`, "indikator tidak dikenal");
      else if (!isInteger(rating) || !shape.scaleValues.includes(rating)) {
        soft(`ratings.${key}`, `harus salah satu nilai ${shape.scaleValues.join(", ")}`);
      } else value.ratings[key] = rating;
    }
  }
  if (doc.submitted !== undefined && typeof doc.submitted !== "boolean") {
    problems.push({ path: "submitted", message: "harus true atau false" });
  } else value.submitted = Boolean(doc.submitted);
  if (doc.result !== undefined && !isPlainObject(doc.result)) {
    problems.push({ path: "result", message: "harus berupa objek" });
  }
  const result = isPlainObject(doc.result) ? doc.result : null;
  const bounded = result !== null && withinBounds(result);
  // claimedIgnored: a result too deep or too large for the engine is not passed on.
  const claimed = bounded ? result : null;
  return { problems, dropped, value, claimed, claimedIgnored: result !== null && !bounded };
}

const MAX_RESULT_DEPTH = 32;
const MAX_RESULT_VALUES = 100000;

// A result read from a file is only compared with the recomputed one, in Python. One nested too
// deeply or holding too many values would exhaust the worker's stack or memory first (Pyodide
// then fails as a whole), so it is checked here, without recursion, before it goes anywhere.
export function withinBounds(value) {
  const stack = [[value, 1]];
  let count = 0;
  while (stack.length) {
    const [node, depth] = stack.pop();
    count += 1;
    if (count > MAX_RESULT_VALUES || depth > MAX_RESULT_DEPTH) return false;
    if (node !== null && typeof node === "object") {
      for (const child of Object.values(node)) stack.push([child, depth + 1]);
    }
  }
  return true;
}

// The answers early.js kept before the quiz was bound: only what the reader touched, each value
// checked as a saved document's would be (what the form does not offer is dropped), or null.
export function earlyAnswers(record, shape) {
  if (!isPlainObject(record)) return null;
  const has = (key) => Object.hasOwn(record, key);
  const doc = emptyDoc(shape);
  doc.ratings = isPlainObject(record.ratings) ? record.ratings : {};
  doc.targets = isPlainObject(record.targets) ? record.targets : {};
  if (has("position")) doc.position = record.position;
  if (has("total_jp")) doc.total_jp = record.total_jp;
  const { value } = validate(doc, shape, true);
  const early = { ratings: value.ratings, targets: value.targets };
  if (has("position") && value.position === record.position) early.position = value.position;
  if (has("total_jp") && value.total_jp === record.total_jp) early.total_jp = value.total_jp;
  const touched = Object.keys(early).length > 2;
  return touched || Object.keys(early.ratings).length || Object.keys(early.targets).length
    ? early
    : null;
}

// ``doc`` with the early answers on top: they were given after ``doc`` was saved.
export function withEarly(doc, early) {
  if (!early) return doc;
  const merged = {
    ...doc,
    ratings: { ...doc.ratings, ...early.ratings },
    targets: { ...doc.targets, ...early.targets },
  };
  if (Object.hasOwn(early, "position")) merged.position = early.position;
  if (Object.hasOwn(early, "total_jp")) merged.total_jp = early.total_jp;
  return merged;
}

// What the engine is asked: the position and the reader's own targets when some are set (the
// bridge keeps only those the position leaves open, as a functional position does).
export function engineRequest(doc, claimed) {
  const request = { ratings: doc.ratings, total_jp: doc.total_jp };
  if (isInteger(doc.focus)) request.focus = doc.focus;
  if (doc.plan) request.plan = doc.plan;
  if (doc.priorities && doc.priorities.length) request.priorities = doc.priorities;
  const targets = doc.targets || {};
  if (doc.position) request.position = doc.position;
  if (Object.values(targets).some((value) => value !== null)) request.targets = { ...targets };
  if (claimed) request.claimed = claimed;
  return request;
}

// Share links carry the answers in the fragment (never sent to a server), compactly:
// #jawaban=4~<version>~<position or ->~<JP>~<one base-36 digit per indicator>~<per competency>
//   ~<focus>~<edited plan as id:jp.id:jp, or ->~<priorities as competency positions 0.3, or ->
//   ~<one digit per technical indicator of the position, or -> (version 4; links of version 3,
// without the technical answers, 2, without the priorities too, and 1, without the last four,
// open too). The fixed parts cover what every form asks. The identity is never in a link.
export function shareFragment(doc, shape) {
  const digit = (value) =>
    value === null || value === undefined ? "0" : Number(value).toString(36);
  const ratings = shape.indicators.map((id) => digit(doc.ratings[id])).join("");
  const targets = shape.baseCompetencies.map((c) =>
    digit(doc.targets ? doc.targets[c.id] : null),
  );
  const technical = (shape.technicalOf.get(doc.position) || []).map((id) =>
    digit(doc.ratings[id]),
  );
  const plan = doc.plan ? doc.plan.items.map((item) => `${item.activity_id}:${item.jp}`) : [];
  const positions = (doc.priorities || []).map((id) =>
    shape.competencies.findIndex((c) => c.id === id),
  );
  const parts = [
    "4",
    doc.standards_version,
    doc.position || "-",
    String(doc.total_jp),
    ratings,
    targets.join(""),
    String(doc.focus ?? ""),
    plan.length ? plan.join(".") : "-",
    positions.length ? positions.join(".") : "-",
    technical.length ? technical.join("") : "-",
  ];
  return `${SHARE_KEY}=${parts.map(encodeURIComponent).join("~")}`;
}

// The document a share fragment describes (to be validated), or null if it is not one.
export function parseShare(fragment, shape) {
  let parts;
  try {
    parts = fragment.split("~").map((part) => decodeURIComponent(part));
  } catch (_) {
    return null;
  }
  const versionOne = parts.length === 6 && parts[0] === "1";
  const versionTwo = parts.length === 8 && parts[0] === "2";
  const versionThree = parts.length === 9 && parts[0] === "3";
  if (!versionOne && !versionTwo && !versionThree && !(parts.length === 10 && parts[0] === "4")) {
    return null;
  }
  const [, version, position, jp, ratingDigits, targetDigits, focus, planText, marked] = parts;
  const technicalIds = shape.technicalOf.get(position) || [];
  const technicalDigits = parts[9] === undefined || parts[9] === "-" ? "" : parts[9];
  if (
    ratingDigits.length !== shape.indicators.length ||
    targetDigits.length !== shape.baseCompetencies.length ||
    technicalDigits.length !== (technicalDigits ? technicalIds.length : 0)
  ) {
    return null;
  }
  const doc = {
    format: shape.format,
    format_version: shape.formatVersion,
    standards_version: version,
    position: position === "-" ? null : position,
    targets: {},
    total_jp: /^\d+$/.test(jp) ? Number(jp) : jp,
    ratings: {},
    submitted: true,
  };
  if (!versionOne) {
    doc.focus = /^\d+$/.test(focus) ? Number(focus) : focus;
    if (planText !== "-") {
      doc.plan = {
        items: planText.split(".").map((pair) => {
          const [id, itemJp] = pair.split(":");
          return { activity_id: id, jp: /^\d+$/.test(itemJp || "") ? Number(itemJp) : itemJp };
        }),
      };
    }
  }
  if (marked !== undefined && marked !== "-") {
    // An unknown position stays as text, so validation names it.
    doc.priorities = marked.split(".").map((text) => shape.competencies[Number(text)]?.id ?? text);
  }
  // A character that is not a base-36 digit is kept as text, so validation names it.
  const read = (character) => (/^[0-9a-z]$/.test(character) ? parseInt(character, 36) : character);
  shape.indicators.forEach((id, index) => {
    const value = read(ratingDigits[index]);
    if (value !== 0) doc.ratings[id] = value;
  });
  technicalIds.forEach((id, index) => {
    const value = read(technicalDigits[index] || "0");
    if (value !== 0) doc.ratings[id] = value;
  });
  shape.baseCompetencies.forEach((competency, index) => {
    const value = read(targetDigits[index]);
    doc.targets[competency.id] = value === 0 ? null : value;
  });
  return doc;
}
