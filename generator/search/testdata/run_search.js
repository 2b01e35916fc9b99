// Runs search.js's query code in node over a written index, for the Go
// tests: node run_search.js SEARCH_JS SITE_DIR MODE INPUT_JSON
//   MODE tokenize: INPUT is a list of strings; prints Tokenize of each.
//   MODE flat: INPUT is a list of strings; prints the snippet's flat of each.
//   MODE query: INPUT is a list of queries; prints, per query, every hit
//   (id, score, deep), the first 10 fragments' URLs and snippets, and the files read
//   the way the search page reads them; for a snippet made from an excerpt
//   (excerpt.go), whether it is the one the whole text gives.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const [searchJS, siteDir, mode, inputFile] = process.argv.slice(2);
const core = require(path.resolve(searchJS));
const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));

if (mode === 'tokenize' || mode === 'flat') {
  process.stdout.write(JSON.stringify(input.map((s) => core[mode](s))));
  process.exit(0);
}

// readDirect reads an index file without counting it as read.
function readDirect(name) {
  const file = path.join(siteDir, 'search', name + '.js');
  let got;
  vm.runInContext(fs.readFileSync(file, 'utf8'), vm.createContext({ DJS: (n, data) => { got = data; } }));
  return got;
}

async function main() {
  const out = [];
  for (const q of input) {
    const files = [];
    const cache = new Map();
    // Each index file is a script calling DJS(name, data), as in the page.
    const load = (name) => {
      if (!cache.has(name)) {
        cache.set(name, new Promise((resolve, reject) => {
          const file = path.join(siteDir, 'search', name + '.js');
          files.push('search/' + name + '.js');
          let got;
          const ctx = vm.createContext({ DJS: (n, data) => { if (n === name) got = data; } });
          vm.runInContext(fs.readFileSync(file, 'utf8'), ctx, { filename: file });
          if (got === undefined) reject(new Error(name + ' did not register'));
          else resolve(got);
        }));
      }
      return cache.get(name);
    };
    const engine = new core.Engine(load);
    const hits = await engine.search(q);
    const ts = core.terms(q);
    const shown = [], excerpts = [];
    if (hits.length) await engine.classes();
    // The first page as the page's more() asks for it (Engine.shown).
    for (const f of await engine.shown(hits.slice(0, 10), ts)) {
      if (f.excerpt) {
        const snippet = core.excerptSnippet(f.excerpt, ts, core.WIDTH);
        const meta = readDirect('meta'), entry = readDirect('x/' + Math.floor(f.id / meta[5]))[f.id % meta[5]];
        const whole = core.snippet(entry[4], ts, core.WIDTH, f.summary, false);
        excerpts.push({ id: f.id, same: JSON.stringify(snippet) === JSON.stringify(whole), excerpt: snippet, whole });
        shown.push({ url: f.url, snippet, titleMarks: core.matches(f.title, ts).length });
        continue;
      }
      shown.push({ url: f.url, snippet: core.snippet(f.text, ts, core.WIDTH, f.summary, f.text === f.head && !!f.more), titleMarks: core.matches(f.title, ts).length });
    }
    out.push({ q, hits: hits.map((h) => [h.id, h.score, h.deep ? 1 : 0]), shown, files, excerpts });
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
