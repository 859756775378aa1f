// Lighthouse (the exact version in package.json's devDependencies), mobile preset, against
// Debian's Chromium: `/`, a competency page and `/asesmen/` as navigations, and `/asesmen/`
// after a submission as a snapshot (a user flow: the state a reader has after pressing submit).
// The quiz's navigation is the flow's first step: a second, separate one cost a whole
// Lighthouse run (about a quarter of this script's CPU) for the same audit.
// Used by bench/lighthouse.py:  node bench/lighthouse.mjs ORIGIN OUT.json
// Writes the category scores and every audit that did not pass, per page.

import { writeFileSync } from "node:fs";
import lighthouse, { startFlow } from "lighthouse";
import puppeteer from "puppeteer-core";

const [origin, out] = process.argv.slice(2);
const chromium = process.env.CHROME_PATH || "/usr/bin/chromium";
const PAGES = { home: "/", competency: "/kompetensi/integritas/" };
const QUIZ = "/asesmen/";

function summary(lhr) {
  const scores = {};
  for (const [id, category] of Object.entries(lhr.categories)) scores[id] = category.score;
  const failed = [];
  for (const audit of Object.values(lhr.audits)) {
    if (audit.score === null || audit.score >= 1) continue;
    if (!["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode)) continue;
    const items = (audit.details && audit.details.items) || [];
    const where = items
      .slice(0, 3)
      .map((item) => (item.node && item.node.selector) || item.url || "")
      .filter(Boolean);
    failed.push({ id: audit.id, score: audit.score, where });
  }
  const metric = (id) => (lhr.audits[id] ? lhr.audits[id].numericValue : null);
  return {
    scores,
    failed,
    lcp_ms: metric("largest-contentful-paint"),
    total_kb: metric("total-byte-weight") === null ? null : metric("total-byte-weight") / 1024,
  };
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
const results = {};
try {
  for (const [name, path] of Object.entries(PAGES)) {
    const page = await browser.newPage();
    const runner = await lighthouse(origin + path, { logLevel: "error" }, undefined, page);
    results[name] = summary(runner.lhr);
    await page.close();
  }
  const page = await browser.newPage();
  const flow = await startFlow(page, { name: "asesmen" });
  await flow.navigate(origin + QUIZ);
  await page.waitForSelector("html[data-engine=ready]", { timeout: 300000 });
  await page.evaluate(() => {
    for (const fieldset of document.querySelectorAll("fieldset[data-kq-indicator]")) {
      const options = fieldset.querySelectorAll("input[type=radio]");
      options[options.length - 2].checked = true;
    }
    document.getElementById("kq-form").dispatchEvent(new Event("change"));
  });
  await page.click("#kq-submit");
  await page.waitForSelector("#kq-plan [data-plan-category]", { timeout: 120000 });
  await flow.snapshot({ name: "setelah dikirim" });
  const flowResult = await flow.createFlowResult();
  results.quiz = summary(flowResult.steps[0].lhr);
  results.quiz_submitted = summary(flowResult.steps[1].lhr);
} finally {
  await browser.close();
}
writeFileSync(out, JSON.stringify(results, null, 1) + "\n");
