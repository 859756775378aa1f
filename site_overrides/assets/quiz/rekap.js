// Kompetensi ASN — the /rekap/ page (an ES module): glue between the chosen files and the
// recap in Python (generator/browser/recap_bridge.py, run by the quiz's own engine worker).
//
// The page reads each file's bytes and sends them, base64, in small batches so the progress
// bar moves and the page stays responsive; it recomputes nothing, counts nothing, and writes
// every text with textContent. Nothing leaves the browser.

import { Engine } from "./lib/engine.js";
import { clear, download, el } from "./lib/dom.js";

const BATCH = 10;
const ROWS_PER_TASK = 60;
const here = new URL(import.meta.url);
const DOWNLOADS = {
  csv: ["rekap-kebutuhan-pengembangan.csv", "text/csv"],
  markdown: ["rekap-kebutuhan-pengembangan.md", "text/markdown"],
  json: ["rekap-kebutuhan-pengembangan.json", "application/json"],
  xlsx: [
    "rekap-kebutuhan-pengembangan.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ],
};

function base64(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

class Recap {
  constructor(root) {
    this.root = root;
    this.root.dataset.krBound = "1";
    this.byId = (id) => document.getElementById(id);
    this.files = [];
    this.dropped = [];
    const site = new URL("../../../", here);
    const url = (name) => new URL(root.getAttribute(name), site).href;
    this.engine = new Engine(
      {
        workerUrl: new URL("worker.mjs", here).href,
        boot: {
          pyodide: url("data-kq-pyodide"),
          wheel: url("data-kq-wheel"),
          exportUrl: url("data-kq-export"),
          standardsVersion: root.dataset.standardsVersion || "",
        },
      },
      {
        // The engine's loading text speaks to the quiz's reader; the rest of it fits here.
        onLoading: (text) => this.status(text.replace(" Anda dapat mulai menjawab sekarang.", "")),
        onReady: () => this.ready(),
        onFailed: (code, text, detail) => this.failed(text, detail),
      },
    );
    this.bind();
    this.engine.start();
  }

  bind() {
    const folder = this.byId("kr-folder");
    if ("webkitdirectory" in folder) {
      folder.webkitdirectory = true;
      this.byId("kr-folder-field").hidden = false;
    }
    for (const id of ["kr-results", "kr-folder"]) {
      this.byId(id).addEventListener("change", () => this.chosen());
    }
    const drop = this.byId("kr-drop");
    drop.addEventListener("dragover", (event) => {
      event.preventDefault();
      drop.classList.add("kr-drop--over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("kr-drop--over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("kr-drop--over");
      this.dropped = [...event.dataTransfer.files];
      this.chosen();
    });
    this.byId("kr-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
    this.byId("kr-retry").addEventListener("click", () => this.engine.start());
    this.byId("kr-print").addEventListener("click", () => window.print());
    for (const button of this.root.querySelectorAll("[data-kr-download]")) {
      button.addEventListener("click", () => this.download(button.dataset.krDownload));
    }
  }

  status(text) {
    this.byId("kr-engine").textContent = text;
  }

  ready() {
    this.byId("kr-engine-error").hidden = true;
    this.status("Mesin penilaian siap. Rekap dihitung di peramban Anda.");
    this.byId("kr-run").disabled = false;
  }

  failed(text, detail) {
    this.status("Mesin penilaian gagal dimuat.");
    this.byId("kr-engine-error-message").textContent = text;
    this.byId("kr-engine-error-detail").textContent = detail;
    this.byId("kr-engine-error").hidden = false;
    this.byId("kr-run").disabled = true;
  }

  chosen() {
    const picked = [...this.byId("kr-results").files];
    const inFolder = [...this.byId("kr-folder").files].filter((file) =>
      /\.json$/i.test(file.name),
    );
    this.files = [...picked, ...inFolder, ...this.dropped];
    this.byId("kr-chosen").textContent = this.files.length
      ? `${this.files.length} berkas dipilih.`
      : "Belum ada berkas dipilih.";
  }

  showErrors(lines) {
    const list = this.byId("kr-errors-list");
    clear(list);
    for (const line of lines) list.append(el("li", { text: line }));
    this.byId("kr-errors").hidden = false;
    this.byId("kr-errors").focus();
  }

  async ask(fn, payload) {
    const reply = await this.engine.call(fn, payload);
    if (!reply.ok) throw new Error(`${reply.message} ${reply.detail || ""}`.trim());
    return reply;
  }

  progress(done, total) {
    const bar = this.byId("kr-progress");
    bar.max = Math.max(total, 1);
    bar.value = done;
    this.byId("kr-progress-text").textContent = `${done} dari ${total} berkas dibaca`;
  }

  async run() {
    this.chosen();
    this.byId("kr-errors").hidden = true;
    if (!this.files.length) {
      this.showErrors(["Pilih setidaknya satu berkas hasil penilaian (.json)."]);
      return;
    }
    const button = this.byId("kr-run");
    button.disabled = true;
    this.byId("kr-progress-box").hidden = false;
    try {
      const roster = this.byId("kr-roster").files[0];
      // The engine's limits, from the page (generator/quiz/recap_page.py).
      const rosterLimit = Number(this.root.dataset.maxRosterBytes);
      const fileLimit = Number(this.root.dataset.maxFileBytes);
      if (roster && roster.size > rosterLimit) {
        const megabytes = rosterLimit / (1024 * 1024);
        this.showErrors([`${roster.name}: berkas daftar pegawai lebih besar dari ${megabytes} MB`]);
        return;
      }
      const minGroup = Number(this.byId("kr-min-group").value);
      const start = await this.ask("recap_start", {
        roster: roster ? base64(await roster.arrayBuffer()) : null,
        roster_name: roster ? roster.name : null,
        min_group: Number.isInteger(minGroup) && minGroup >= 1 ? minGroup : null,
      });
      if (start.roster_problems.length) {
        this.showErrors(start.roster_problems);
        return;
      }
      const files = this.files;
      this.progress(0, files.length);
      for (let i = 0; i < files.length; i += BATCH) {
        const batch = [];
        for (const file of files.slice(i, i + BATCH)) {
          const big = file.size > fileLimit;
          batch.push({
            name: file.webkitRelativePath || file.name,
            modified: file.lastModified,
            size: file.size,
            data: big ? null : base64(await file.arrayBuffer()),
          });
        }
        await this.ask("recap_add", { files: batch });
        this.progress(Math.min(i + BATCH, files.length), files.length);
      }
      await this.show(await this.ask("recap_summary", { detail: false }));
    } catch (error) {
      this.showErrors([`Rekap gagal: ${error.message || error.detail || error.code}`]);
    } finally {
      button.disabled = this.engine.state !== "ready";
    }
  }

  async show(reply) {
    const { summary, tables, charts } = reply;
    const files = summary.files;
    this.byId("kr-summary").textContent =
      `${summary.respondents} responden dari ${files.received} berkas; ${files.rejected} berkas ditolak` +
      ` (lihat tabel “Berkas yang ditolak”); ${files.stored_result_differs} berkas memuat hasil yang` +
      ` berbeda dari perhitungan ulang dan dihitung dengan hasil perhitungan ulang.`;
    const chart = (id, svg, alt) =>
      this.byId(id).replaceChildren(
        el("img", {
          src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg),
          alt,
          class: "kr-chart-image",
        }),
      );
    chart("kr-chart-levels", charts.levels, "Sebaran level perkiraan per kompetensi");
    chart("kr-chart-units", charts.unit_gaps, "Rata-rata kesenjangan per unit kerja");
    const holder = this.byId("kr-tables");
    clear(holder);
    const section = this.byId("kr-hasil");
    delete section.dataset.krReady;
    section.hidden = false;
    // The tables arrive a slice at a time, each in its own task: a few thousand cells laid out
    // at once kept the page from answering input for half a second on a busy machine.
    const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
    for (const table of tables) {
      await nextTask();
      holder.append(el("h3", { text: table.title, id: `kr-tabel-${table.key}` }));
      if (!table.rows.length) {
        holder.append(el("p", { text: "Tidak ada." }));
        continue;
      }
      const head = el("tr", {}, ...table.header.map((h) => el("th", { scope: "col", text: h })));
      const body = el("tbody");
      // A wide table scrolls inside a region that takes the keyboard focus (arrow keys).
      holder.append(
        el(
          "div",
          {
            class: "kr-table",
            tabindex: "0",
            role: "region",
            "aria-labelledby": `kr-tabel-${table.key}`,
          },
          el("table", {}, el("thead", {}, head), body),
        ),
      );
      for (let first = 0; first < table.rows.length; first += ROWS_PER_TASK) {
        if (first) await nextTask();
        const rows = table.rows.slice(first, first + ROWS_PER_TASK).map((row, offset) => {
          const index = first + offset;
          const competency = table.key === "kompetensi" ? summary.competencies[index] : null;
          const attributes = competency
            ? {
                "data-rekap-competency": competency.id,
                "data-below-target": competency.below_target,
                "data-respondents": competency.respondents,
              }
            : {};
          return el("tr", attributes, ...row.map((cell) => el("td", { text: cell ?? "" })));
        });
        body.append(...rows);
      }
    }
    section.dataset.krReady = "1";
    section.focus();
  }

  async download(format) {
    try {
      const reply = await this.ask("recap_download", {
        format,
        detail: this.byId("kr-detail").checked,
      });
      const [name, type] = DOWNLOADS[format];
      // The spreadsheet comes as base64 (bytes); the other formats as text.
      const body =
        reply.base64 === undefined
          ? reply.text
          : Uint8Array.from(atob(reply.base64), (character) => character.charCodeAt(0));
      download(name, body, type);
    } catch (error) {
      this.showErrors([`Unduhan gagal: ${error.message || error.detail || error.code}`]);
    }
  }
}

function scan() {
  const root = document.querySelector("[data-kr-root]");
  if (root && !root.dataset.krBound) new Recap(root);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
else scan();
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => scan());
}
