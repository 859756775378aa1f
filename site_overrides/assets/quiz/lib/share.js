// Share links: the answers travel in the URL fragment, which browsers never send to a server.

import { parseShare, SHARE_KEY, shareFragment, validate } from "./answers.js";
import { compare } from "./files.js";
import { notice } from "./messages.js";

export function makeShareLink(quiz) {
  const url = new URL(location.href);
  url.hash = shareFragment(quiz.readForm(), quiz.shape);
  const input = quiz.byId("kq-share-url");
  input.value = url.href;
  quiz.byId("kq-share-box").hidden = false;
  input.focus();
  input.select();
}

export async function copyShareLink(quiz) {
  const input = quiz.byId("kq-share-url");
  try {
    await navigator.clipboard.writeText(input.value);
    quiz.byId("kq-status").textContent = "Tautan berbagi telah disalin.";
  } catch (_) {
    input.focus();
    input.select();
    quiz.byId("kq-status").textContent =
      "Tautan tidak dapat disalin otomatis; tautan sudah dipilih, salin dengan Ctrl+C.";
  }
}

// Opens #jawaban=… : loads it, or offers to compare when the reader has answers of their own.
export function openShareLink(quiz) {
  const hash = location.hash.replace(/^#/, "");
  if (!hash.startsWith(SHARE_KEY + "=")) return;
  history.replaceState(history.state, "", location.pathname + location.search);
  const doc = parseShare(hash.slice(SHARE_KEY.length + 1), quiz.shape);
  const checked = doc ? validate(doc, quiz.shape, false) : null;
  if (!checked || checked.problems.length) {
    const reason = checked
      ? checked.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ")
      : "isi tautan tidak lengkap atau dibuat untuk versi standar lain";
    notice(
      quiz,
      "share-invalid",
      "warning",
      `Tautan berbagi tidak dapat dibuka: ${reason}. Jawaban Anda tidak diubah.`,
    );
    return;
  }
  const mine = quiz.readForm();
  const same =
    JSON.stringify(mine.ratings) === JSON.stringify(checked.value.ratings) &&
    mine.position === checked.value.position;
  const useLink = () => {
    quiz.applyDoc(checked.value);
    quiz.save();
    quiz.queue("assess", () => quiz.assess({ focus: true }));
  };
  if (!Object.keys(mine.ratings).length || same) {
    useLink();
    notice(
      quiz,
      "share-opened",
      "info",
      "Jawaban dimuat dari tautan berbagi dan disimpan di peramban ini.",
    );
    return;
  }
  notice(
    quiz,
    "share-choice",
    "info",
    "Tautan ini berisi jawaban yang berbeda dari jawaban yang tersimpan di peramban Anda. Apa yang ingin Anda lakukan?",
    [
      { label: "Ganti dengan jawaban dari tautan", run: useLink },
      {
        label: "Bandingkan dengan jawaban saya",
        run: () =>
          quiz.queueWithStatus(
            "compare",
            () => compare(quiz, checked.value, "jawaban dari tautan"),
            "Perbandingan akan ditampilkan segera setelah mesin penilaian siap.",
          ),
      },
    ],
  );
}
