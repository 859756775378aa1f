// Runs Material's own search worker (the shipped search.*.min.js, lunr inside) in Node on a
// built site's search_index.json, as the browser runs it: SETUP, then one QUERY per argument.
// Prints JSON: the inverted index's terms, the token set's words, and per query whether the
// worker threw ("Invalid query") and how many result groups it returned.
// Usage: node lunr_worker.js WORKER.js search_index.json [QUERY...]
"use strict";
const fs = require("fs");
const vm = require("vm");
const [, , workerFile, indexFile, ...queries] = process.argv;
const listeners = [];
const posted = [];
const warnings = [];
const context = {
  console: { warn: (text) => warnings.push(String(text)), log() {}, error() {} },
  setTimeout,
  Promise,
  addEventListener: (type, fn) => listeners.push(fn),
  postMessage: (message) => posted.push(message),
  importScripts() {},
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(workerFile, "utf8"), context);
const lunr = context.lunr;
let index = null;
const query = lunr.Index.prototype.query;
lunr.Index.prototype.query = function (...args) {
  index = this;
  return query.apply(this, args);
};
const data = JSON.parse(fs.readFileSync(indexFile, "utf8"));
data.options = { suggest: false }; // what the page adds without the search.suggest feature
(async () => {
  const send = async (type, payload) => {
    await listeners[0]({ data: { type, data: payload } });
    return posted.pop();
  };
  await send(0, data); // SETUP
  const results = {};
  for (const text of queries) {
    warnings.length = 0;
    const reply = await send(2, text); // QUERY
    results[text] = {
      threw: warnings.some((line) => line.startsWith("Invalid query")),
      groups: reply.data.items.length,
    };
  }
  await send(2, "zzzz"); // one query, so the index is known even without QUERY arguments
  process.stdout.write(JSON.stringify({
    terms: Object.keys(index.invertedIndex),
    words: index.tokenSet.toArray(),
    queries: results,
  }));
})();
