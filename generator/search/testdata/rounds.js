// Counts, over a built index and without a browser, the requests a query
// makes the way the search page makes them: in rounds (each asked for once
// the previous round arrived) and turns of a browser's six connections a
// host, for the first page of results (Engine.search, then Engine.shown).
//   node rounds.js SEARCH_JS SITE_DIR QUERIES.txt   (one query a line)
const path = require('path'), fs = require('fs'), vm = require('vm');
const [sj, site, qf] = process.argv.slice(2);
const core = require(path.resolve(sj));
function read(name) { let got; vm.runInContext(fs.readFileSync(path.join(site, 'search', name + '.js'), 'utf8'), vm.createContext({ DJS: (n, d) => { got = d; } })); return got; }
function size(name) { return fs.statSync(path.join(site, 'search', name + '.js')).size; }
const settle = () => new Promise((r) => setImmediate(r));
(async () => {
  let sumTurns = 0, sumRounds = 0, n = 0, sumFiles = 0, sumKB = 0;
  for (const q of fs.readFileSync(qf, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean)) {
    const cache = new Map(); let pending = [];
    const load = (name) => {
      if (!cache.has(name)) {
        if (name === 'meta' || name === 'dir') cache.set(name, Promise.resolve(read(name)));
        else cache.set(name, new Promise((res) => pending.push({ name, res })));
      }
      return cache.get(name);
    };
    const eng = new core.Engine(load);
    let done = false;
    const p = eng.search(q).then((hits) => eng.shown(hits.slice(0, 10), core.terms(q)).then(() => hits.length)).then((h) => { done = h; return h; });
    const rounds = [];
    for (let i = 0; i < 50; i++) {
      for (let k = 0; k < 20; k++) await settle();
      if (!pending.length) break;
      const batch = pending; pending = [];
      rounds.push(batch.map((b) => b.name));
      batch.forEach((b) => b.res(read(b.name)));
    }
    const hits = await p;
    const turns = rounds.reduce((a, r) => a + Math.ceil(r.length / 6), 0);
    const files = rounds.reduce((a, r) => a + r.length, 0);
    const kb = rounds.flat().reduce((a, f) => a + size(f), 0) / 1024;
    sumTurns += turns; sumRounds += rounds.length; n++; sumFiles += files; sumKB += kb;
    console.log(q + '\t' + hits + '\trounds ' + rounds.length + '\tturns ' + turns + '\tfiles ' + files + '\t' + kb.toFixed(1) + ' KB\t' + rounds.map((r) => r.length).join('+'));
  }
  console.log('queries ' + n + ' rounds ' + sumRounds + ' turns ' + sumTurns + ' files ' + sumFiles + ' KB ' + sumKB.toFixed(0));
})();
