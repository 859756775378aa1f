// Answers kept under another standards version than the page's.
//
// Older versions: the newest of them is carried over (what no longer fits is dropped and
// counted), then every older key is removed. Newer versions belong to another deployment on the
// same origin, or to the page served before an update that this tab has not loaded yet: they
// are left alone, never "migrated" down and deleted, and the page says so.

import { withEarly } from "./answers.js";
import { notice } from "./messages.js";

const compare = (a, b) => a.localeCompare(b, undefined, { numeric: true });

export function migrate(quiz, prefix) {
  const current = quiz.shape.version;
  const version = (key) => key.slice(prefix.length);
  const others = quiz.store.keys(prefix).filter((key) => key !== quiz.storageKey);
  const newer = others.filter((key) => compare(version(key), current) > 0);
  // Newest first: the answers carried over must be the latest the user gave.
  const older = others
    .filter((key) => compare(version(key), current) < 0)
    .sort((a, b) => compare(version(b), version(a)));
  if (newer.length) {
    const versions = newer.map(version).sort(compare).join(", ");
    notice(
      quiz.byId,
      "newer-version",
      "warning",
      `Peramban ini menyimpan jawaban untuk versi standar ${versions}, yang lebih baru daripada versi halaman ini (${current}), mungkin dari salinan situs lain di alamat yang sama. Jawaban itu dibiarkan utuh dan tidak dipakai di sini.`,
    );
  }
  if (!older.length) return;
  const from = version(older[0]);
  const checked = quiz.readStored(older[0], true);
  if (!checked) {
    notice(
      quiz.byId,
      "migrate-failed",
      "warning",
      `Jawaban tersimpan dari versi standar ${from} tidak dapat dipindahkan ke versi ${current} dan telah dihapus.`,
    );
  } else {
    checked.value.submitted = false;
    quiz.applyDoc(withEarly(checked.value, quiz.early));
    const dropped = checked.dropped.length;
    notice(
      quiz.byId,
      "migrated",
      "warning",
      `Standar kompetensi telah diperbarui dari versi ${from} ke versi ${current}. Jawaban Anda telah dipindahkan` +
        (dropped ? `; ${dropped} isian tidak berlaku lagi dan dibuang` : "") +
        ". Periksa kembali jawaban Anda sebelum melihat hasil.",
    );
    quiz.save();
  }
  for (const old of older) quiz.store.remove(old);
}
