// Files the reader keeps: the JSON download, importing it back, and comparing with another.
// port: what these may do with the quiz (see Quiz.port in controller.js).

import { engineRequest, validate } from "./answers.js";
import { download } from "./dom.js";
import { hideErrors, notice, showErrors } from "./messages.js";
import { showComparison } from "./results.js";

const KEEP = "Tidak ada yang diubah; jawaban Anda tetap seperti semula.";

// The JSON file holds the answers the shown result was computed from, and that result.
// last: the quiz's last result shown, {response, doc}, or null.
export function downloadJson(last) {
  if (!last) return;
  const { submitted: _, ...doc } = last.doc;
  doc.result = last.response.result;
  download("penilaian-kompetensi.json", JSON.stringify(doc, null, 2) + "\n", "application/json");
}

// An imported answers file is validated completely first: all of it is used, or none.
export async function fileChosen(port, event, purpose) {
  const input = event.target;
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return;
  const title =
    purpose === "import" ? "Berkas jawaban tidak dimuat" : "Berkas pembanding tidak dimuat";
  const limit = port.shape.maxFileBytes;
  if (file.size > limit) {
    const message = `Berkas lebih besar dari ${limit / (1024 * 1024)} MB. ${KEEP}`;
    showErrors(port.byId, title, [{ path: "", message }]);
    return;
  }
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch (_) {
    showErrors(port.byId, title, [{ path: "", message: `Berkas bukan JSON yang valid. ${KEEP}` }]);
    return;
  }
  const checked = validate(doc, port.shape, false);
  if (checked.problems.length) {
    showErrors(port.byId, title, [{ path: "", message: KEEP }, ...checked.problems]);
    return;
  }
  hideErrors(port.byId);
  const waitText = "Berkas akan diproses segera setelah mesin penilaian siap.";
  if (purpose === "compare") {
    const label = file.name.replace(/\.json$/i, "") || "pembanding";
    port.queue("compare", () => compare(port, checked.value, label), waitText);
    return;
  }
  checked.value.submitted = true;
  port.replace(checked.value);
  notice(port.byId, "imported", "info", `Jawaban dimuat dari berkas ${file.name}.`);
  if (checked.claimedIgnored) {
    notice(
      port.byId,
      "claimed-ignored",
      "warning",
      "Hasil yang tercantum di dalam berkas diabaikan karena bersarang terlalu dalam atau terlalu besar. Yang ditampilkan adalah hasil perhitungan ulang atas jawabannya.",
    );
  }
  const run = async () => {
    const response = await port.assess({ focus: true, claimed: checked.claimed });
    if (response && response.claimed_matches === false) {
      notice(
        port.byId,
        "claimed-differs",
        "warning",
        "Hasil yang tercantum di dalam berkas berbeda dari hasil perhitungan ulang atas jawabannya. Yang ditampilkan adalah hasil perhitungan ulang.",
      );
    }
  };
  port.queue("assess", run, waitText);
}

export async function compare(port, otherDoc, label) {
  if (!port.hasResult() && !(await port.assess({ focus: false }))) return;
  const response = await port.ask("run_comparison", {
    own: engineRequest(port.current()),
    other: engineRequest(otherDoc),
    label,
  });
  if (response) showComparison(port.byId, response.comparison);
}
