// Share links: the answers travel in the URL fragment, which browsers never send to a server.
// They need of the quiz only its element lookup (byId) and, to open a link, its port (see
// Quiz.port in controller.js).

import { parseShare, SHARE_KEY, shareFragment, validate } from "./answers.js";
import { compare } from "./files.js";
import { notice } from "./messages.js";

// doc: the answers in the form now.
export function makeShareLink(byId, doc, shape) {
  const url = new URL(location.href);
  url.hash = shareFragment(doc, shape);
  const input = byId("kq-share-url");
  input.value = url.href;
  byId("kq-share-box").hidden = false;
  input.focus();
  input.select();
}

export async function copyShareLink(byId) {
  const input = byId("kq-share-url");
  try {
    await navigator.clipboard.writeText(input.value);
    byId("kq-status").textContent = "Tautan berbagi telah disalin.";
  } catch (_) {
    input.focus();
    input.select();
    byId("kq-status").textContent =
      "Tautan tidak dapat disalin otomatis; tautan sudah dipilih, salin dengan Ctrl+C.";
  }
}

// Opens #jawaban=… : loads it, or offers to compare when the reader has answers of their own.
export function openShareLink(port) {
  const hash = location.hash.replace(/^#/, "");
  if (!hash.startsWith(SHARE_KEY + "=")) return;
  history.replaceState(history.state, "", location.pathname + location.search);
  const doc = parseShare(hash.slice(SHARE_KEY.length + 1), port.shape);
  const checked = doc ? validate(doc, port.shape, false) : null;
  if (!checked || checked.problems.length) {
    const reason = checked
      ? checked.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ")
      : "isi tautan tidak lengkap atau dibuat untuk versi standar lain";
    notice(
      port.byId,
      "share-invalid",
      "warning",
      `Tautan berbagi tidak dapat dibuka: ${reason}. Jawaban Anda tidak diubah.`,
    );
    return;
  }
  const mine = port.current();
  const same =
    JSON.stringify(mine.ratings) === JSON.stringify(checked.value.ratings) &&
    mine.position === checked.value.position;
  const useLink = () => {
    port.replace(checked.value);
    port.queue("assess", () => port.assess({ focus: true }));
  };
  if (!Object.keys(mine.ratings).length || same) {
    useLink();
    notice(
      port.byId,
      "share-opened",
      "info",
      "Jawaban dimuat dari tautan berbagi dan disimpan di peramban ini.",
    );
    return;
  }
  notice(
    port.byId,
    "share-choice",
    "info",
    "Tautan ini berisi jawaban yang berbeda dari jawaban yang tersimpan di peramban Anda. Apa yang ingin Anda lakukan?",
    [
      { label: "Ganti dengan jawaban dari tautan", run: useLink },
      {
        label: "Bandingkan dengan jawaban saya",
        run: () =>
          port.queue(
            "compare",
            () => compare(port, checked.value, "jawaban dari tautan"),
            "Perbandingan akan ditampilkan segera setelah mesin penilaian siap.",
          ),
      },
    ],
  );
}
