/* dangjian 站内搜索. Reads the static index that `dangjian build` writes to
 * search/ (generator/search): every index file is a plain script calling
 * DJS(name, data), so it loads from file:// as well as over http, where
 * fetch() would be blocked. Plain ES2018, no dependencies.
 *
 * A query term matches exactly the pages whose text contains it: terms of up
 * to three characters are one gram lookup, longer ones are trigrams checked
 * at consecutive positions. Fold, isSpace, tokenize and hash mirror
 * generator/search/tokenize.go; testdata/tokenizer_vectors.json keeps the two
 * in step. */
(function (global) {
  'use strict';

  // ---- Tokenizer (mirrors tokenize.go) ----

  function foldCode(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    else if (c === 0x3000) return 32;
    if (c >= 65 && c <= 90) c += 32;
    return c;
  }

  function isSpace(c) {
    return c <= 0x20 || c === 0x7F || c === 0x85 || c === 0xA0 || c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200B) || c === 0x2028 || c === 0x2029 || c === 0x202F ||
      c === 0x205F || c === 0x3000 || c === 0xFEFF;
  }

  function codePoints(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.codePointAt(i);
      if (c > 0xFFFF) i++;
      out.push(c);
    }
    return out;
  }

  // Folding maps one code point to one of the same UTF-16 length, so
  // indexes into folded text are indexes into the original.
  function fold(s) {
    var cs = codePoints(s).map(foldCode), out = '';
    for (var i = 0; i < cs.length; i += 4096) out += String.fromCodePoint.apply(null, cs.slice(i, i + 4096));
    return out;
  }

  function tokenize(s) {
    var rs = codePoints(fold(s)), out = [];
    for (var i = 0; i < rs.length; i++) {
      if (isSpace(rs[i])) continue;
      out.push([String.fromCodePoint(rs[i]), i]);
      if (i + 1 < rs.length && !isSpace(rs[i + 1])) {
        out.push([String.fromCodePoint(rs[i], rs[i + 1]), i]);
        if (i + 2 < rs.length && !isSpace(rs[i + 2])) {
          out.push([String.fromCodePoint(rs[i], rs[i + 1], rs[i + 2]), i]);
        }
      }
    }
    return out;
  }

  function terms(q) {
    var rs = codePoints(fold(q)), out = [], cur = [], seen = {};
    for (var i = 0; i <= rs.length; i++) {
      if (i < rs.length && !isSpace(rs[i])) { cur.push(rs[i]); continue; }
      if (cur.length) {
        var t = String.fromCodePoint.apply(null, cur);
        if (!seen[t]) { seen[t] = true; out.push(t); }
        cur = [];
      }
    }
    return out;
  }

  // easier is the query a reader most likely meant, tried when the query
  // as typed finds nothing: punctuation typed or pasted with the words
  // (党建，引领 / “医心向党” / 共产党员！) separates them, as a space does,
  // and traditional characters (黨建, from a phone set to 繁体) become the
  // simplified ones the site is written in. The index is not changed: the
  // page text keeps its punctuation, and a query that finds something as
  // typed is never rewritten.
  var PUNCT = /[!-\/:-@\[-`{-~\u00B7\u2010-\u2027\u3001-\u3003\u3008-\u3011\u3014-\u301F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]/g;
  var TRAD = '黨員會醫衛組織學習範優點區縣療護務動態榮譽單屬機關體廣東紅軍議屆開門們國華義愛興團結報導發經濟設創質專項與為這個來時長書實際線術藥計劃統戰鬥傳風潔紀檢驗級鄉鎮陽嶽裡後歷萬價觀標準規則勞獎頒選評舉辦處廳協調職稱號證頭題類聯網絡電話請讓說讀寫齊親溫貧幫災難鄰隊陣強進運鄧總記領幹論視達邊遠預監婦殘業農鋒賽樹對龍雙鐵銀錢問間聞氣誌誠責貢獻薦勵慶節禮儀憲權歡環險';
  var SIMP = '党员会医卫组织学习范优点区县疗护务动态荣誉单属机关体广东红军议届开门们国华义爱兴团结报导发经济设创质专项与为这个来时长书实际线术药计划统战斗传风洁纪检验级乡镇阳岳里后历万价观标准规则劳奖颁选评举办处厅协调职称号证头题类联网络电话请让说读写齐亲温贫帮灾难邻队阵强进运邓总记领干论视达边远预监妇残业农锋赛树对龙双铁银钱问间闻气志诚责贡献荐励庆节礼仪宪权欢环险';
  // A year written against words (2020年抗疫, 抗疫2020) is a date and a
  // word the reader wants together, not a phrase the page must have.
  var YEAR_BEFORE = /(\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?)(?=[\u3400-\u9fff])/g;
  var YEAR_AFTER = /([\u3400-\u9fff])(?=\d{4})/g;
  function easier(q) {
    var out = '';
    q = q.replace(PUNCT, ' ').replace(YEAR_BEFORE, '$1 ').replace(YEAR_AFTER, '$1 ');
    codePoints(q).forEach(function (c) {
      var ch = String.fromCodePoint(c), i = TRAD.indexOf(ch);
      out += i >= 0 ? SIMP.charAt(i) : ch;
    });
    return out.replace(/\s+/g, ' ').trim();
  }

  function hash(gram) {
    var h = 2166136261;
    codePoints(gram).forEach(function (c) { h = Math.imul(h ^ c, 16777619) >>> 0; });
    return h;
  }

  // The grams a term is looked up by (read.go: cover).
  function cover(term) {
    var rs = codePoints(term), n = rs.length;
    if (n <= 3) return [{ gram: term, off: 0 }];
    var out = [];
    var tri = function (i) { return { gram: String.fromCodePoint(rs[i], rs[i + 1], rs[i + 2]), off: i }; };
    for (var i = 0; i + 3 <= n; i += 3) out.push(tri(i));
    if (n % 3) out.push(tri(n - 3));
    return out;
  }

  // mark leaves a named moment in the browser's performance timeline:
  // dangjian bench prints them with DANGJIAN_BENCH_TRACE, to see where a
  // query's time goes on a slow phone.
  function mark(name) {
    if (typeof performance !== 'undefined' && performance.mark) performance.mark('djs:' + name);
  }

  // ---- Index format (write.go) ----

  var RADIX = 45, STEPS = 9; // write.go: radix, steps
  var DIRSHIFT = 12, DIRK = 16; // write.go: dirShift, dirK
  function digit(c) { return c < 92 ? c - 35 : c - 36; }
  function varints(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = digit(s.charCodeAt(i));
      if (d >= RADIX) v = v * RADIX + d - RADIX;
      else { out.push(v * RADIX + d); v = 0; }
    }
    return out;
  }

  // A doc list: gap·9 + score step per doc; a step of 0 is followed by
  // step−1 | band<<3 | more<<5 (gather.go: extra): the gram is in the
  // title (band 2) or the headings and fields (1), else the body (0).
  // more is lines, the set of the headings' and fields' lines that hold a
  // trigram (gather.go: fieldLines; 0: not there), and for band 2 the
  // title's length above it (<<6).
  // It reads the digits straight into typed arrays: a common word's list
  // has ten thousand entries, read on an old phone's processor.
  function decodeDocs(s) {
    var most = s.length, n = 0, ids = new Int32Array(most), steps = new Uint8Array(most),
      bands = new Uint8Array(most), tlens = new Int32Array(most), lines = new Uint8Array(most),
      id = -1, v = 0, extra = false;
    for (var i = 0; i < most; i++) {
      var d = digit(s.charCodeAt(i));
      if (d >= RADIX) { v = v * RADIX + d - RADIX; continue; }
      var x = v * RADIX + d;
      v = 0;
      if (extra) {
        steps[n] = (x & 7) + 1;
        // band 3: a heading or field match beyond what the card shows
        // (gather.go: extra), kept as band 1 with tlens −1 (likely).
        bands[n] = (x >> 3) & 3;
        lines[n] = (x >> 5) & 63;
        tlens[n] = bands[n] === TITLE ? Math.floor(x / 2048) : 0;
        if (bands[n] === 3) { bands[n] = FIELD; tlens[n] = -1; }
        extra = false;
        n++;
        continue;
      }
      id += Math.floor(x / STEPS) + 1;
      ids[n] = id;
      steps[n] = x % STEPS;
      if (steps[n]) n++;
      else extra = true;
    }
    return {
      ids: ids.subarray(0, n), steps: steps.subarray(0, n), bands: bands.subarray(0, n),
      tlens: tlens.subarray(0, n), lines: lines.subarray(0, n)
    };
  }

  // Positions: per doc of the list, count−1 then gaps−1. They are read
  // into one array, at[j] … at[j+1] the positions of the list's j-th doc:
  // a common trigram has thousands of docs, and an array each cost an old
  // phone more than the reading.
  function decodePositions(s, n) {
    var at = new Int32Array(n + 1), pos = new Int32Array(s.length), k = 0, i = 0, len = s.length;
    for (var j = 0; j < n; j++) {
      at[j] = k;
      var v = 0, d = 0;
      while (i < len && (d = digit(s.charCodeAt(i++))) >= RADIX) v = v * RADIX + d - RADIX;
      var c = v * RADIX + d + 1, p = -1;
      for (var m = 0; m < c; m++) {
        v = 0;
        while (i < len && (d = digit(s.charCodeAt(i++))) >= RADIX) v = v * RADIX + d - RADIX;
        p += v * RADIX + d + 1;
        pos[k++] = p;
      }
    }
    at[n] = k;
    return { at: at, pos: pos };
  }

  // has reports whether sorted[lo:hi] holds x.
  function has(sorted, lo, hi, x) {
    var end = hi;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo < end && sorted[lo] === x;
  }

  // Engine runs queries; load(name) returns a promise of a file's data.
  function Engine(load) {
    this.load = load;
    this.meta = null;
    this.cards = new Map(); // id → card, from long lists (cards.go)
    this.excerpts = new Map(); // gram → id → [window, anchor, flags] (excerpt.go)
    this.last = null; // the last query and its promise
    this.asked = new Set(); // x/ files asked for
    this.xd = 0;
  }

  Engine.prototype.open = function () {
    var self = this;
    if (!this.meta) {
      this.meta = Promise.all([this.load('meta'), this.load('dir')]).then(function (r) {
        var m = r[0];
        if (m[0] !== 11) throw new Error('search index format ' + m[0]);
        // dir.js: hash bits → k of the grams with a file t/<h>-<k>
        // (write.go: dirData), read into two arrays, bits ascending: a
        // Map of arrays of its thousands of entries took an old phone
        // longer than the query. It is read only as far as a lookup needs
        // (a query's grams lie anywhere in it), in one pass: the page asks
        // for its lists while it is parsed, and reading all of it first
        // took an old phone about 40 ms before it asked for any list.
        var s = r[1], len = s.length, at = 0, n = 0, bits = 0;
        var bitsOf = new Int32Array(len), kOf = new Uint8Array(len);
        var readTo = function (b) {
          var v = 0;
          while (at < len && (n === 0 || bitsOf[n - 1] <= b)) {
            var d = s.charCodeAt(at++);
            d = d < 92 ? d - 35 : d - 36; // digit()
            if (d >= RADIX) { v = v * RADIX + d - RADIX; continue; }
            v = v * RADIX + d;
            bits += Math.floor(v / DIRK);
            bitsOf[n] = bits;
            kOf[n++] = v % DIRK;
            v = 0;
          }
        };
        var big = function (b) {
          readTo(b);
          var lo = 0, hi = n;
          while (lo < hi) { var mid = (lo + hi) >> 1; if (bitsOf[mid] < b) lo = mid + 1; else hi = mid; }
          var ks = [];
          for (; lo < n && bitsOf[lo] === b; lo++) ks.push(kOf[lo]);
          return ks;
        };
        self.xd = m[5];
        return { n: m[1], nt: m[2], np: m[3], fd: m[4], xd: m[5], hr: m[6], big: big };
      });
      this.meta.catch(function () { self.meta = null; });
    }
    return this.meta;
  };

  // lookup resolves to gram's doc list and, for a trigram, its positions
  // or the file that holds them: [docs, positions, pfile], docs '' when
  // absent. A long list is t/<h>-<k> ("gram list"), asked for straight from
  // the directory, without the shard; the shard is read only when the file
  // there is another gram's. A trigram's long positions are p/<h>-<k>,
  // which search reads only once the doc lists leave candidates.
  Engine.prototype.lookup = function (meta, gram) {
    var self = this, hv = hash(gram), h = 't/' + (hv % meta.nt);
    var tri = codePoints(gram).length === 3;
    var long = function (k) {
      return self.load(h + '-' + k).then(function (s) {
        // ["gram list", [[id, card, excerpt?], …]]: the cards of its first
        // results, and the excerpts of those whose gram is in the body.
        var cs = [];
        if (Array.isArray(s)) { cs = s[1]; s = s[0]; }
        var sp = s.indexOf(' '), own = sp < 0 ? '' : s.slice(0, sp), ex = new Map();
        cs.forEach(function (c) {
          self.cards.set(c[0], c[1]);
          if (c[2]) ex.set(c[0], c[2]);
        });
        if (own) self.excerpts.set(own, ex);
        if (own !== gram) return null;
        // A trigram's positions follow its doc list after a "!", or are
        // in p/<h>-<k> (write.go: PosBytes).
        var list = s.slice(sp + 1), cut = list.indexOf('!');
        if (cut >= 0) return [list.slice(0, cut), list.slice(cut + 1), ''];
        return [list, '', tri ? 'p' + h.slice(1) + '-' + k : ''];
      }, function () { return null; });
    };
    var ks = meta.big(hv >>> DIRSHIFT);
    var tries = ks.reduce(function (prev, k) {
      return prev.then(function (found) { return found || long(k); });
    }, Promise.resolve(null));
    return tries.then(function (found) {
      return found || self.load(h).then(function (pairs) {
        for (var i = 0; i + 1 < pairs.length; i += 2) {
          if (pairs[i] !== gram) continue;
          var v = pairs[i + 1];
          if (typeof v !== 'string') {
            if (v < 0) v = -v - 1; // its positions are in its t/ file
            return long(v).then(function (r) { if (!r) throw new Error(h + '-' + v); return r; });
          }
          var cut = v.indexOf('!');
          return cut < 0 ? [v, '', ''] : [v.slice(0, cut), v.slice(cut + 1), ''];
        }
        return ['', '', ''];
      });
    });
  };

  var TITLE = 2, FIELD = 1, BODY = 0, EXACT = 3; // bands (write.go: bandTitle …)

  // search resolves to hits {id, score, pos, deep, band} best first: by
  // band (3 the title is the query, 2 the title has every term, 1 the
  // headings or fields do, 0 the rest), score, then newest (read.go:
  // Search). Every doc list is read first; the positions files of long
  // lists only when candidates remain.
  Engine.prototype.search = function (q) {
    // The page starts the query in its address before the page is laid out;
    // the form's first run asks for the same one.
    if (this.last && this.last.q === q) return this.last.p;
    var p = this.run(q);
    this.last = { q: q, p: p };
    var self = this;
    p.catch(function () { if (self.last && self.last.p === p) self.last = null; });
    return p;
  };

  var RAREFIRST = 6; // read.go: rareFirst

  Engine.prototype.run = function (q) {
    var self = this, ts = terms(q);
    if (!ts.length) return Promise.resolve([]);
    return this.open().then(function (meta) {
      var plans = ts.map(cover), names = [], seen = {};
      plans.forEach(function (ps) {
        ps.forEach(function (p) { if (!seen[p.gram]) { seen[p.gram] = true; names.push(p.gram); } });
      });
      // A query of RAREFIRST grams or more (a pasted sentence) reads the
      // rare ones first (not in the directory: short lists, in shards) and
      // the common ones' long lists only when none of the rare ones is
      // empty (read.go: Search).
      var first = names, later = [];
      if (names.length >= RAREFIRST) {
        var big = function (g) { return meta.big(hash(g) >>> DIRSHIFT).length > 0; };
        first = names.filter(function (g) { return !big(g); });
        later = names.filter(big);
        if (!first.length || !later.length) { first = names; later = []; }
      }
      var get = function (gs) { return Promise.all(gs.map(function (g) { return self.lookup(meta, g); })); };
      names = first.concat(later);
      return get(first).then(function (a) {
        if (a.some(function (l) { return !l[0]; })) return null;
        return later.length ? get(later).then(function (b) { return a.concat(b); }) : a;
      }).then(function (lists) {
        mark('lists');
        if (!lists) return [];
        var gd = {}, fewest = null;
        for (var i = 0; i < names.length; i++) {
          if (!lists[i][0]) return [];
          var d = decodeDocs(lists[i][0]), df = d.ids.length;
          d.pos = lists[i][1];
          d.pfile = lists[i][2];
          d.idf = Math.log(1 + (meta.n - df + 0.5) / (df + 0.5));
          gd[names[i]] = d;
          if (!fewest || df < fewest.ids.length) fewest = d;
        }
        var parts = [];
        plans.forEach(function (ps) { ps.forEach(function (p) { parts.push(gd[p.gram]); }); });
        var score = intersect(fewest, parts), n = score.n;
        if (!n) return [];
        var files = [];
        plans.forEach(function (ps) {
          if (ps.length < 2) return;
          ps.forEach(function (p) {
            var g = gd[p.gram];
            if (g.pfile && files.indexOf(g) < 0) files.push(g);
          });
        });
        var loading = files.map(function (g) {
          return self.load(g.pfile).then(function (ps) { g.pos = ps.slice(ps.indexOf(' ') + 1); g.pfile = ''; });
        });
        if (files.length) {
          var chains = [], k = 0;
          plans.forEach(function (ps) {
            if (ps.length > 1) chains.push({ at: k, n: ps.length });
            k += ps.length;
          });
          likely(score, chains).forEach(function (h) {
            // A body match whose excerpt or card came with the lists, the
            // card's head showing the match, needs nothing.
            if (h.text && h.band === 0 && (self.excerpt(h.id, ts) || self.headHolds(h.id, ts))) return;
            (h.text ? self.entry(h.id) : self.fragment(h.id)).catch(function () {});
          });
        }
        return Promise.all(loading).then(function () { mark('positions'); return rank(meta, plans, gd, score); });
      });
    });
  };

  // intersect finds the candidates: the docs of the shortest list found in
  // every list (all ascending: one cursor each), scored Σ idf·step per
  // term gram; at[a][c] is candidate c's entry in part a's list. A query
  // of one gram (党建, 护士) takes its list as it is: ten thousand
  // entries walked once, on an old phone's processor.
  function intersect(fewest, parts) {
    var most = fewest.ids.length, sc = new Float64Array(most), c;
    if (parts.length === 1) {
      var g0 = parts[0], at0 = new Int32Array(most);
      for (c = 0; c < most; c++) { sc[c] = g0.idf * g0.steps[c]; at0[c] = c; }
      return { n: most, ids: g0.ids, sc: sc, at: [at0], parts: parts };
    }
    var cand = new Int32Array(most), n = 0;
    var at = parts.map(function () { return new Int32Array(most); }), cur = new Int32Array(parts.length);
    for (c = 0; c < most; c++) {
      var id = fewest.ids[c], s = 0, ok = true;
      for (var a = 0; a < parts.length && ok; a++) {
        var g = parts[a], ids = g.ids, j = cur[a];
        while (j < ids.length && ids[j] < id) j++;
        cur[a] = j;
        if (j < ids.length && ids[j] === id) { s += g.idf * g.steps[j]; at[a][n] = j; }
        else ok = false;
      }
      if (ok) { cand[n] = id; sc[n] = s; n++; }
    }
    return { n: n, ids: cand, sc: sc, at: at, parts: parts };
  }

  // likely is, while a query's positions load, the first results as far
  // as the lists tell (band, score, newest; read.go: likely): their cards
  // are asked for (a match in a title, heading or field: positions can
  // only drop such a candidate or move a title match to the fields) or, for
  // a body match, which may lie beyond the head, their text files, in the
  // same wave.
  // text (read.go: fromText): the result is shown from its text file, not
  // its card: a body match, which may lie beyond the head, or a heading or
  // field match of a gram that occurs there only beyond what the card shows
  // (the list's band 3, decodeDocs): an honor list's table runs
  // far past the card's 200 characters.
  // A headings-and-fields candidate whose term's trigrams have no line in
  // common there (apart) comes after the others of its band: it does not
  // hold the term there, but names two things, each with part of it
  // (秭归县人民医院 and 芗城区第一人民医院 for 秭归县第一人民医院).
  function likely(score, chains) {
    var top = [], parts = score.parts, at = score.at, np = parts.length;
    // Candidates come in id order, so one that does not beat the tenth on
    // band and score never enters: checked first, with the lists' arrays
    // held in locals (a common word has thousands of candidates, read by
    // an old phone's processor before the next wave is asked for).
    var bands = parts.map(function (p) { return p.bands; }), wb = -1, ws = 0;
    for (var c = 0; c < score.n; c++) {
      var b = TITLE;
      for (var a = 0; a < np; a++) { var v = bands[a][at[a][c]]; if (v < b) b = v; }
      var id = score.ids[c], sc = score.sc[c], i = top.length;
      if (b < wb || b === wb && sc <= ws) continue;
      var lb = b === FIELD && apart(parts, at, c, chains) ? b - 0.5 : b;
      if (lb < wb || lb === wb && sc <= ws) continue;
      while (i > 0 && better(lb, sc, id, top[i - 1])) i--;
      if (i >= TOPCARDS) continue;
      var text = b === 0;
      for (a = 0; b === FIELD && a < parts.length && !text; a++) {
        var j = at[a][c];
        text = beyondCard(parts[a], j);
      }
      top.splice(i, 0, { id: id, band: b, lb: lb, score: sc, text: text });
      if (top.length > TOPCARDS) top.pop();
      if (top.length === TOPCARDS) { wb = top[TOPCARDS - 1].lb; ws = top[TOPCARDS - 1].score; }
    }
    return top;
  }
  // beyondCard tells that entry j of list p is a heading or field match
  // beyond what the doc's card shows (decodeDocs: band 3; read.go:
  // fromText): its text file shows it.
  function beyondCard(p, j) { return p.bands[j] === FIELD && p.tlens[j] === -1; }
  function better(band, score, id, y) { return band > y.lb || band === y.lb && (score > y.score || score === y.score && id < y.id); }
  // apart tells that a headings-and-fields candidate c does not hold a
  // long term there (common).
  function apart(parts, at, c, chains) {
    for (var k = 0; k < chains.length; k++) {
      if (!common(parts, at, chains[k].at, chains[k].n, c)) return true;
    }
    return false;
  }
  // common is the set of candidate c's heading and field lines that hold
  // every one of a long term's trigrams (parts from … from+n−1; decodeDocs:
  // lines); none: the term is not there, as no gram spans two lines
  // (read.go: fieldsApart).
  function common(parts, at, from, n, c) {
    var m = 63;
    for (var a = from; a < from + n; a++) m &= parts[a].lines[at[a][c]];
    return m;
  }
  var TOPCARDS = 10; // cards.go: topCards

  function rank(meta, plans, gd, score) {
    // A match at p, k characters long, is in a result's head when
    // p+k ≤ meta.hr (write.go: head); a result with every term longer
    // than three characters and none in its head is deep: its snippet
    // comes from its text file, asked for with its fragment. Arrays by
    // candidate (score.ids ascending): a common word has thousands.
    var n = score.n, ids = score.ids, sc = score.sc;
    var band = new Uint8Array(n).fill(TITLE), keep = new Uint8Array(n).fill(1), first = new Int32Array(n).fill(-1);
    var near = new Uint8Array(n), exact = new Uint8Array(n), beyond = new Uint8Array(n);
    var allLong = plans.every(function (ps) { return ps.length > 1; });
    var a0 = 0; // the term's first part among score.parts
    // The query's length, its terms one space apart: a title as long that
    // has every term is the query (党建 引领 发展).
    var qlen = plans.length - 1;
    plans.forEach(function (ps) { qlen += ps.length > 1 ? ps[ps.length - 1].off + 3 : codePoints(ps[0].gram).length; });
    plans.forEach(function (ps, pi) {
      var len = ps.length > 1 ? ps[ps.length - 1].off + 3 : codePoints(ps[0].gram).length;
      var pos = null;
      if (ps.length > 1) pos = ps.map(function (p) { var g = gd[p.gram]; return g.decoded || (g.decoded = decodePositions(g.pos, g.ids.length)); });
      for (var c = 0; c < n; c++) {
        if (!keep[c]) continue;
        var id = ids[c], tb = TITLE, tlen = -1;
        for (var k = 0; k < ps.length; k++) {
          var g = score.parts[a0 + k], j = score.at[a0 + k][c];
          if (g.bands[j] < tb) tb = g.bands[j];
          if (g.bands[j] === TITLE) tlen = g.tlens[j];
          if (beyondCard(g, j)) beyond[c] = 1;
        }
        var where = 0;
        if (pos) {
          where = -1;
          var p0 = pos[0], j0 = score.at[a0][c];
          for (var i = p0.at[j0]; i < p0.at[j0 + 1] && where < 0; i++) {
            var ok = true;
            for (var m = 1; m < ps.length && ok; m++) {
              var pm = pos[m], jm = score.at[a0 + m][c];
              ok = has(pm.pos, pm.at[jm], pm.at[jm + 1], p0.pos[i] + ps[m].off);
            }
            if (ok) where = p0.pos[i];
          }
          if (where < 0) { keep[c] = 0; continue; }
          if (first[c] < 0) first[c] = where;
          if (where + len <= meta.hr) near[c] = 1;
          // The title line comes first: the term is in the title when its
          // first occurrence is; and in the headings and fields only when
          // a line there holds every trigram, else in the body.
          if (tb === TITLE && where + len > tlen) tb = FIELD;
          if (tb === FIELD && !common(score.parts, score.at, a0, ps.length, c)) tb = BODY;
        }
        if (tb < band[c]) band[c] = tb;
        exact[c] = (pi === 0 || exact[c]) && tb === TITLE && tlen === qlen && (plans.length > 1 || where === 0) ? 1 : 0;
      }
      a0 += ps.length;
    });
    // Best first: band, score, then newest (lowest id). Candidates are in
    // id order, so grouping them by band and score, in that order, and
    // taking the groups best first is the order with no sort of the
    // candidates themselves: a common word has ten thousand, and only a
    // few dozen different scores.
    var groups = [new Map(), new Map(), new Map(), new Map()]; // by band, 0 … EXACT
    for (var c = 0; c < n; c++) {
      if (!keep[c]) continue;
      var g = groups[exact[c] ? EXACT : band[c]], same = g.get(sc[c]);
      if (same) same.push(c); else g.set(sc[c], [c]);
    }
    var hits = [];
    for (var b = EXACT; b >= 0; b--) {
      var scores = Array.from(groups[b].keys()).sort(function (x, y) { return y - x; });
      for (var k = 0; k < scores.length; k++) {
        var cs = groups[b].get(scores[k]);
        for (var i = 0; i < cs.length; i++) {
          c = cs[i];
          // A result whose terms are in its headings or fields finds them
          // in its fragment: not deep.
          hits.push({ id: ids[c], score: sc[c], pos: first[c], deep: allLong && !near[c] && band[c] < FIELD, band: b,
            beyond: b === FIELD && beyond[c] === 1 });
        }
      }
    }
    return hits;
  }

  // classes resolves to [kind, year] per doc id.
  Engine.prototype.classes = function () {
    if (!this._classes) {
      this._classes = this.load('docs').then(function (d) {
        var cls = d[0], width = d[1], s = d[2], out = [];
        for (var i = 0; i < s.length; i += width) {
          var ci = 0;
          for (var k = 0; k < width; k++) ci = ci * 90 + digit(s.charCodeAt(i + k));
          out.push([cls[2 * ci], cls[2 * ci + 1]]);
        }
        return out;
      });
    }
    return this._classes;
  };

  // units resolves to {names: [[slug, title]], of: [[unit index]] per doc}.
  Engine.prototype.units = function () {
    if (!this._units) {
      this._units = this.load('units').then(function (d) {
        var names = [], of = [], vs = varints(d[1]), cur = [];
        for (var i = 0; i + 1 < d[0].length; i += 2) names.push([d[0][i], d[0][i + 1]]);
        vs.forEach(function (v) {
          if (v) cur.push((v >> 1) - 1);
          if (v % 2 === 0) { of.push(cur); cur = []; }
        });
        return { names: names, of: of };
      });
    }
    return this._units;
  };

  // Fragments come several docs to a file (d/<id/fd>), ids newest first.
  Engine.prototype.fragment = function (id) {
    var self = this;
    return this.open().then(function (meta) {
      var card = self.cards.get(id);
      return (card ? Promise.resolve([card]) : self.load('d/' + Math.floor(id / meta.fd))).then(function (b) {
        return fromCard(id, card || b[id % meta.fd]);
      });
    });
  };

  function fromCard(id, a) {
    return { id: id, url: a[0], title: a[1], kind: a[2], date: a[3], unit: a[4], head: a[1].replace(/[\n\r]/g, ' ') + '\n' + a[5], more: a[6], summary: a[7], fields: a[8] };
  }

  // entry reads a doc's x/ entry: [url, kind, date, unit, text], or ''
  // when its head is all of its text.
  Engine.prototype.entry = function (id) {
    var self = this;
    return this.open().then(function (meta) {
      var name = 'x/' + Math.floor(id / meta.xd);
      self.asked.add(name);
      return self.load(name).then(function (es) { return es[id % meta.xd]; });
    });
  };

  // viaText tells whether hit h is shown from its text file: a deep hit,
  // a field or body match whose text file was asked for with the
  // positions, a field match beyond what its card shows (an honor list's
  // table: its card, then its text, took two waves), and a body match
  // whose card did not come with the lists
  // (read.go: SnippetText). A body match shows a window of its body, which
  // its text has, and nothing its card has that its text has not: asking
  // for its card (d/) and then, for a match beyond the card's head, its
  // text took two waves; a common word of two characters (青年) had most
  // of its first results there.
  Engine.prototype.viaText = function (h) {
    if (!this.xd) return false;
    return h.deep || h.band <= FIELD && this.asked.has('x/' + Math.floor(h.id / this.xd)) || h.beyond ||
      h.band === 0 && !this.cards.has(h.id);
  };

  // headHolds tells whether the card of doc id came with the lists and
  // holds its snippet's text (cardText).
  Engine.prototype.headHolds = function (id, ts) {
    var a = this.cards.get(id);
    return !!a && cardText(fromCard(id, a), ts) !== null;
  };

  // excerpt returns, for a body match of the one-term query ts, the window
  // of its body that a long list's card carried, when it holds the term's
  // first match with a snippet's reach around it ({text, lead, tail}), or
  // null (read.go: Index.excerpt). The window is around the first
  // occurrence of one of the term's trigrams (the term itself, up to three
  // characters); the term's first match starts there, less the trigram's
  // offset in it, when the term is there.
  Engine.prototype.excerpt = function (id, ts) {
    if (ts.length !== 1) return null;
    var t = ts[0], ps = cover(t), cs = codePoints(t);
    for (var i = 0; i < ps.length; i++) {
      var of = this.excerpts.get(ps[i].gram), ex = of && of.get(id);
      if (!ex) continue;
      var w = ex[0], at = ex[1] - String.fromCodePoint.apply(null, cs.slice(0, ps[i].off)).length;
      var lead = (ex[2] & 1) === 1, tail = (ex[2] & 2) === 2;
      if (at < 0 || fold(w.substr(at, t.length)) !== t) continue;
      if (lead && at < Math.floor(WIDTH / 2) || tail && at + WIDTH > w.length) continue;
      return { text: w, lead: lead, tail: tail };
    }
    return null;
  };

  // text asks for a doc's whole text (read.go: Text).
  Engine.prototype.text = function (id) {
    return this.entry(id).then(function (e) { return e ? e[4] : ''; });
  };

  // deepFragment resolves to a deep hit's display data (its match is
  // beyond its head) from its x/ entry alone, its whole text as its
  // snippet's text (read.go: DeepFragment): one file, not two.
  Engine.prototype.deepFragment = function (id) {
    var self = this;
    return this.open().then(function (meta) {
      return self.entry(id).then(function (e) {
        if (!e) return null; // the head is all of the text: its card tells
        var text = e[4], nl = text.indexOf('\n'), title = nl < 0 ? text : text.slice(0, nl);
        var head = codePoints(text).slice(0, Math.max(meta.hr, codePoints(title).length + 1));
        return { id: id, url: e[0], title: title, kind: e[1], date: e[2], unit: e[3], more: 1, summary: '', fields: '',
          head: String.fromCodePoint.apply(null, head), text: text };
      });
    });
  };

  // snippetText resolves to text of the hit that holds a match: the head,
  // else its whole text (read.go: SnippetText).
  Engine.prototype.snippetText = function (f, ts) {
    var t = cardText(f, ts);
    return t !== null ? Promise.resolve(t) : this.text(f.id);
  };

  // shown resolves to the display data of hits, in their order: a card's
  // fields (fromCard) and the text its snippet is cut from (text), or the
  // window of the body that came with the lists (excerpt). Each comes from
  // as few files as it needs: a body match whose excerpt came with the
  // lists from none; a deep hit, and a body match whose text file came with
  // the positions, from its text file alone (viaText); the rest from their
  // cards, and their texts only when the card's head and fields do not show
  // a term (snippetText).
  Engine.prototype.shown = function (hits, ts) {
    var self = this;
    var card = function (h) {
      return self.fragment(h.id).then(function (f) {
        return self.snippetText(f, ts).then(function (t) { f.text = t; return f; });
      });
    };
    return Promise.all(hits.map(function (h) {
      var ex = h.band === 0 && self.excerpt(h.id, ts);
      if (ex) return self.fragment(h.id).then(function (f) { f.excerpt = ex; return f; });
      if (!self.viaText(h)) return card(h);
      return self.deepFragment(h.id).then(function (f) {
        if (!f && h.deep) throw new Error('x/' + h.id);
        return f || card(h);
      });
    }));
  };

  // cardText is the text of card f that holds its snippet for terms ts, or
  // null when that needs the whole text (read.go: cardText): the head when
  // it shows a term, else the head and the fields when they do. The head
  // of a short body runs on into the fields, where it may end inside a
  // line (a 文号 cut short): the card's fields, whole lines, take that
  // part's place. A head that is all title (a title longer than the head)
  // shows no body start for a title match: the text does.
  function cardText(f, ts) {
    var h = f.head, ff = h.indexOf('\f');
    if (f.more && ff >= 0) h = h.slice(0, ff + 1) + f.fields;
    var head = fold(h), fields = fold(f.fields);
    if (!f.more || ts.some(function (t) { return head.indexOf(t) >= 0; })) {
      return f.more && !f.summary && h.indexOf('\n') === h.length - 1 ? null : h;
    }
    if (ts.some(function (t) { return fields.indexOf(t) >= 0; })) return h + '\f' + f.fields;
    return null;
  }

  // Matches of terms in s: sorted, non-overlapping [start, end) in UTF-16
  // units, the longest term first where two start at the same place.
  function matches(s, ts) {
    var f = fold(s), out = [];
    ts.forEach(function (t) {
      for (var i = f.indexOf(t); i >= 0; i = f.indexOf(t, i + 1)) out.push([i, i + t.length]);
    });
    out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    out.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] < last[1]) { if (m[1] > last[1]) last[1] = m[1]; } else merged.push(m.slice());
    });
    return merged;
  }

  // A snippet shows a text's block boundaries and table cells (Plain: "\n"
  // and "\t") as these; a window starts after a clause mark (a sentence or
  // block end if there is one near) and ends at one.
  var BLOCK = ' ｜ ', CELL = ' · ', STRONG = '。！？；!?;｜', WEAK = '，、：,·';
  var WIDTH = 110; // a snippet's characters (excerpt.go: snippetWidth)

  function flat(s) {
    return s.replace(/[^\S\n\t]+/g, ' ').replace(/ *\t[\t ]*/g, CELL).replace(/ *\n[\n\t ]*/g, BLOCK)
      .replace(/^[ ｜·]+|[ ｜·]+$/g, '');
  }

  // snippet picks a window of text (title line, body, then after a form
  // feed its headings and fields, one a line) around the first match in the
  // body, cut at clause marks, as [text, isMark] pieces; a match only in a
  // heading or field shows that line; with no match past the title, the
  // summary (else the body's start). more: text is only the start of the
  // doc's text.
  function snippet(text, ts, width, summary, more) {
    var nl = text.indexOf('\n'), rest = nl >= 0 ? text.slice(nl + 1) : '';
    var ff = rest.indexOf('\f'), body = flat(ff >= 0 ? rest.slice(0, ff) : rest);
    var cut = !!more && ff < 0;
    var ms = matches(body, ts);
    if (!ms.length && ff >= 0) {
      var lines = rest.slice(ff + 1).split('\n');
      for (var l = 0; l < lines.length; l++) {
        if (matches(lines[l], ts).length) { body = flat(lines[l]); ms = matches(body, ts); cut = false; break; }
      }
    }
    if (!ms.length && summary) { body = summary; cut = false; }
    return windowPieces(body, ms, width, cut, false);
  }

  // excerptSnippet is the snippet of a body match from its excerpt (Engine
  // excerpt): the one its whole text gives.
  function excerptSnippet(ex, ts, width) {
    return windowPieces(ex.text, matches(ex.text, ts), width, ex.tail, ex.lead);
  }

  // windowPieces cuts body (flat) around its first match ms[0], as
  // [text, isMark] pieces. cut: the text goes on after body; lead: body is
  // a window that starts after the text's start (an excerpt).
  function windowPieces(body, ms, width, cut, lead) {
    var start = 0;
    var isIn = function (set, i) { return set.indexOf(body.charAt(i)) >= 0; };
    if (ms.length) {
      var m = ms[0][0], back = Math.max(0, m - Math.floor(width / 2)), weak = -1, i;
      start = back === 0 && !lead ? 0 : Math.max(0, m - Math.floor(width / 3));
      for (i = m - 1; i >= back; i--) {
        if (isIn(STRONG, i)) break;
        if (weak < 0 && isIn(WEAK, i) && i < m - 1) weak = i;
      }
      if (i >= back) start = i + 1;
      else if (weak >= 0 && (back > 0 || lead)) start = weak + 1;
    }
    while (start < body.length && body.charAt(start) === ' ') start++;
    var code = body.charCodeAt(start);
    if (code >= 0xDC00 && code <= 0xDFFF) start++;
    var end = Math.min(body.length, start + width), trunc = end < body.length || cut;
    if (trunc) {
      var least = Math.max(start + Math.floor(width / 2), ms.length ? ms[0][1] : 0);
      for (var e = end - 1; e >= least; e--) if (isIn(STRONG + WEAK, e)) { end = e + 1; break; }
    }
    code = body.charCodeAt(end - 1);
    if (code >= 0xD800 && code <= 0xDBFF) end++;
    var pieces = [], at = start;
    if (start > 0 || lead) pieces.push(['…', false]);
    ms.forEach(function (m) {
      if (m[1] <= start || m[0] >= end) return;
      var a = Math.max(m[0], start), b = Math.min(m[1], end);
      if (a > at) pieces.push([body.slice(at, a), false]);
      pieces.push([body.slice(a, b), true]);
      at = b;
    });
    if (at < end) pieces.push([body.slice(at, end).replace(/[ ｜·]+$/, ''), false]);
    if (trunc) pieces.push(['…', false]);
    return pieces;
  }

  var core = {
    fold: fold, tokenize: tokenize, terms: terms, hash: hash, cover: cover,
    varints: varints, Engine: Engine, matches: matches, snippet: snippet,
    excerptSnippet: excerptSnippet, flat: flat, WIDTH: WIDTH
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = core;
    return;
  }
  global.DJSearch = core;

  // ---- Page ----

  var doc = global.document;
  var script = doc.currentScript;
  // search.html loads this script first in the page's head, with the site
  // root in data-root (relative to the page): the query in the address
  // starts at once, its lists loading while the page is parsed and laid
  // out. A theme that loads it at the end of the body may put data-root on
  // #search-app instead; without either, the root comes from this script's
  // own address (…/js/search.js), which works under any base URL and
  // file://.
  var early = !!(script && script.hasAttribute('data-root'));
  var root = early ? script.getAttribute('data-root') : null;
  if (root === null) {
    var appRoot = doc.getElementById('search-app');
    root = appRoot ? appRoot.getAttribute('data-root') : null;
  }
  // In file:// builds links end in index.html; only the folder counts.
  if (root !== null) root = new URL(root || './', global.location.href).href.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  else root = script ? script.src.replace(/js\/search\.js(\?.*)?$/, '') : new URL('../', global.location.href).href;
  var fileMode = global.location.protocol === 'file:';

  // The index files that came with the page (search.html: meta.js and
  // dir.js as plain scripts before this one) wait in DJS.d. Over http(s)
  // the others are fetched and read as JSON: a script element runs when the
  // browser gets round to it, which Chromium puts off while the page is
  // parsed and painted, and each one is a task of its own. From file://,
  // where fetch() is refused, each file is a script element calling DJS.
  var waiting = (global.DJS && global.DJS.d) || {}, files = {};
  var useFetch = !fileMode && typeof global.fetch === 'function';
  global.DJS = function (name, data) { waiting[name] = data; };
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function fromScript(name, t) {
    var pre = 'DJS("' + name + '",', end = t.lastIndexOf(');');
    if (t.slice(0, pre.length) !== pre || end < pre.length) throw new Error(name);
    return JSON.parse(t.slice(pre.length, end));
  }
  function load(name) {
    if (!files[name] && own(waiting, name)) {
      files[name] = Promise.resolve(waiting[name]);
      delete waiting[name];
    }
    if (!files[name] && useFetch) {
      files[name] = global.fetch(root + 'search/' + name + '.js').then(function (r) {
        if (!r.ok) throw new Error(name);
        return r.text();
      }).then(function (t) { return fromScript(name, t); });
      files[name].catch(function () { delete files[name]; });
    }
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        var s = doc.createElement('script');
        s.src = root + 'search/' + name + '.js';
        s.async = true;
        s.onload = function () {
          s.parentNode.removeChild(s);
          if (own(waiting, name)) { resolve(waiting[name]); delete waiting[name]; } else reject(new Error(name));
        };
        s.onerror = function () {
          s.parentNode.removeChild(s);
          delete files[name];
          reject(new Error(name));
        };
        doc.head.appendChild(s);
      });
    }
    return files[name];
  }

  mark('start');
  var engine = new Engine(load);
  if (early) {
    var q0 = (new URLSearchParams(global.location.search).get('q') || '').trim();
    if (terms(q0).length) engine.search(q0);
    else engine.open().catch(function () {});
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', page);
  else page();

  // page runs the search page once its elements are parsed.
  function page() {
    var app = doc.getElementById('search-app');
    if (!app) return;
    var PAGE = 10;
    var KINDS = { news: '动态', brand: '品牌', model: '示范点', honor: '荣誉', unit: '单位', page: '页面' };
    try {
      var custom = JSON.parse(app.getAttribute('data-kind-labels') || '{}');
      Object.keys(custom).forEach(function (k) { KINDS[k] = custom[k]; });
    } catch (e) { /* keep the defaults */ }

    var form = doc.getElementById('search-form') || (app.querySelector('form'));
    var input = form ? form.querySelector('input[name=q]') : null;
    var results = doc.getElementById('search-results');
    var status = doc.getElementById('search-status');
    var filters = doc.getElementById('search-filters');
    if (!input || !results) return;

    function el(tag, cls, text) {
      var e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }
    function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
    function say(text) { if (status) status.textContent = text; }

    // The index holds a page's path as it is (a slug may have a space, #,
    // ? or %): escaped as the site's own links escape it.
    function href(url) {
      var h = root + encodeURI(url.replace(/^\//, '')).replace(/[?#]/g, encodeURIComponent);
      if (fileMode && /\/$/.test(h)) h += 'index.html';
      return h;
    }

    // State: the query, the filters, and the current result set.
    var state = { q: '', kind: '', year: '', unit: '' };
    var current = null; // {q, ts, hits, classes, units, shown}
    var seq = 0;

    function readURL() {
      var p = new URLSearchParams(global.location.search);
      state.q = p.get('q') || '';
      state.kind = p.get('kind') || '';
      state.year = p.get('year') || '';
      state.unit = p.get('unit') || '';
      input.value = state.q;
    }

    function writeURL(push) {
      var p = new URLSearchParams();
      if (state.q) p.set('q', state.q);
      ['kind', 'year', 'unit'].forEach(function (k) { if (state[k]) p.set(k, state[k]); });
      var qs = p.toString();
      var url = global.location.pathname + (qs ? '?' + qs : '') + global.location.hash;
      if (url === global.location.pathname + global.location.search + global.location.hash) return;
      try {
        global.history[push ? 'pushState' : 'replaceState'](null, '', url);
      } catch (e) { /* some browsers refuse history on file:// */ }
    }

    function keep(id) {
      if (!current.classes) return true; // no filter is set until it loads
      var c = current.classes[id];
      if (state.kind && c[0] !== state.kind) return false;
      if (state.year && String(c[1]) !== state.year) return false;
      if (state.unit && current.units) {
        var idx = current.unitIndex[state.unit];
        if (idx === undefined || current.units.of[id].indexOf(idx) < 0) return false;
      }
      return true;
    }

    function run(push) {
      var q = input.value.trim();
      var my = ++seq;
      if (q !== state.q) { state.q = q; }
      if (!terms(q).length) {
        writeURL(push);
        current = null;
        clear(results);
        if (filters) clear(filters);
        say('');
        busy(false);
        return;
      }
      var t0 = Date.now();
      busy(true);
      say('正在搜索…');
      // The first results do not wait for the filter table (docs.js) unless a
      // filter is set: with none, the best hits are the first ones, so their
      // fragments load at once and the filter counts follow.
      var filtered = !!(state.kind || state.year || state.unit);
      var asked = q; // what the reader typed, when the results are for an easier form of it
      engine.search(q).then(function (hits) {
        var easy = easier(q);
        if (hits.length || easy === q || !terms(easy).length) return hits;
        return engine.search(easy).then(function (h) {
          if (h.length) q = easy;
          return h.length ? h : hits;
        });
      }).then(function (hits) {
        if (!hits.length || !filtered) return { hits: hits, classes: null, units: null };
        var need = [engine.classes()];
        if (state.unit) need.push(engine.units());
        return Promise.all(need).then(function (r) { return { hits: hits, classes: r[0], units: r[1] || null }; });
      }).then(function (r) {
        if (my !== seq) return;
        mark('ranked');
        current = { q: q, asked: asked, ts: terms(q), hits: r.hits, classes: r.classes, units: r.units, unitIndex: {}, t0: t0 };
        indexUnits();
        var shown = render();
        // The address changes once the results are on screen: a new history
        // entry makes the browser fetch the page icon again, which should not
        // compete with the index files. Like the filters below, it waits for
        // the results to be painted: work queued before that frame delays it.
        var url = function () { if (my === seq) writeURL(push); };
        var painted = Promise.resolve(shown).then(afterPaint, afterPaint);
        painted.then(url);
        if (!current.classes && r.hits.length) {
          // The filter table loads once the first results are on screen.
          var cur = current;
          painted.then(function () { return engine.classes(); }).then(function (c) {
            if (my !== seq || current !== cur) return;
            cur.classes = c;
            renderFilters();
          }, function (e) { if (global.console) global.console.error(e); });
        }
      }).catch(function (e) {
        if (my !== seq) return;
        writeURL(push);
        clear(results);
        busy(false);
        say('搜索索引加载失败，请确认网站的 search 文件夹完整后刷新本页。');
        if (global.console) global.console.error(e);
      });
    }

    // afterPaint resolves once the browser has painted what is on the page
    // now (a frame, then a task); in a hidden tab, which paints nothing,
    // after 100 ms.
    function afterPaint() {
      return new Promise(function (resolve) {
        var done = function () { clearTimeout(t); setTimeout(resolve, 0); };
        var t = setTimeout(resolve, 100);
        if (global.requestAnimationFrame) global.requestAnimationFrame(done);
      });
    }

    // busy marks #search-results while a query runs: aria-busy="true" until
    // its results (titles, dates and snippets) are filled in, then "false";
    // tests and assistive technology wait for it.
    function busy(on) { results.setAttribute('aria-busy', on ? 'true' : 'false'); }

    function indexUnits() {
      if (!current || !current.units) return;
      current.units.names.forEach(function (u, i) { current.unitIndex[u[0]] = i; });
    }

    // A pasted paragraph is not said back whole: its first 40 characters.
    function shorten(q) {
      var cs = codePoints(q);
      return cs.length > 40 ? String.fromCodePoint.apply(null, cs.slice(0, 40)) + '…' : q;
    }

    function render() {
      clear(results);
      busy(true);
      var shown = current.hits.filter(function (h) { return keep(h.id); });
      if (filters) clear(filters);
      if (!current.hits.length) {
        busy(false);
        // A pasted paragraph is not said back whole: its first 40 characters.
        // Quotes the reader typed around it are not doubled (““医心向党X””).
        say('没有找到包含“' + shorten(current.q.replace(/^\s*[\u201C"\u300C\u300E\u2018']\s*([\s\S]*?)\s*[\u201D"\u300D\u300F\u2019']\s*$/, '$1')) + '”的内容。');
        var tip = el('div', 'search-empty');
        tip.appendChild(el('p', '', '建议：检查是否有错别字；换一个更短或更常用的词，例如只输入单位简称；多个词之间用空格分开时，结果需同时包含每个词，可以减少词语再试。'));
        results.appendChild(tip);
        return;
      }
      if (!shown.length) {
        busy(false);
        renderFilters();
        say('找到 ' + current.hits.length + ' 条结果，但当前筛选条件下没有结果。');
        var none = el('div', 'search-empty');
        none.appendChild(el('p', '', '请放宽筛选条件，例如选择“全部”类别或年份。'));
        results.appendChild(none);
        return;
      }
      say('找到 ' + shown.length + ' 条结果，正在显示…');
      current.shown = shown;
      current.count = 0;
      // The time shown is the time to filled results: taken once the first
      // page's snippets are in.
      var cur = current, done = more().then(function () {
        if (current !== cur) return;
        mark('shown');
        say((cur.asked !== cur.q ? '没有找到“' + shorten(cur.asked) + '”，以下是“' + shorten(cur.q) + '”的结果：' : '') +
          '找到 ' + shown.length + ' 条结果（用时 ' + ((Date.now() - cur.t0) / 1000).toFixed(2) + ' 秒）');
        busy(false);
      });
      // Counts come after the first results have been asked for.
      if (current.classes) renderFilters();
      return done;
    }

    function more() {
      var my = seq, from = current.count, batch = current.shown.slice(from, from + PAGE);
      current.count += batch.length;
      var old = results.querySelector('.search-more');
      if (old) old.parentNode.removeChild(old);
      var slots = batch.map(function () {
        var a = el('a', 'search-hit');
        a.setAttribute('aria-busy', 'true');
        results.appendChild(a);
        return a;
      });
      return engine.shown(batch, current.ts).then(function (fs) {
        if (my !== seq) return;
        fs.forEach(function (f, i) { fill(slots[i], f); });
        if (current.count < current.shown.length) {
          var b = el('button', 'search-more', '显示更多结果（还有 ' + (current.shown.length - current.count) + ' 条）');
          b.type = 'button';
          b.addEventListener('click', function () { busy(true); more().then(function () { busy(false); }); });
          results.appendChild(b);
        }
      }).catch(function (e) {
        if (my !== seq) return;
        say('部分结果加载失败，请刷新重试。');
        if (global.console) global.console.error(e);
      });
    }

    function marked(parent, pieces) {
      pieces.forEach(function (p) {
        if (p[1]) parent.appendChild(el('mark', '', p[0]));
        else parent.appendChild(doc.createTextNode(p[0]));
      });
    }

    function fill(a, f) {
      a.removeAttribute('aria-busy');
      a.href = href(f.url);
      var title = el('span', 'search-hit-title');
      var ms = matches(f.title, current.ts), at = 0, pieces = [];
      ms.forEach(function (m) {
        if (m[0] > at) pieces.push([f.title.slice(at, m[0]), false]);
        pieces.push([f.title.slice(m[0], m[1]), true]);
        at = m[1];
      });
      if (at < f.title.length) pieces.push([f.title.slice(at), false]);
      marked(title, pieces);
      a.appendChild(title);
      var meta = el('span', 'search-hit-meta');
      meta.appendChild(el('span', 'search-hit-kind kind-' + f.kind, KINDS[f.kind] || f.kind));
      if (f.date) {
        // The date as the site shows it (2025年6月28日), ISO in datetime.
        var time = el('time', '', f.date), ymd = /^(\d+)年(\d+)月(\d+)日$/.exec(f.date);
        if (ymd) time.setAttribute('datetime', ymd[1] + '-' + ('0' + ymd[2]).slice(-2) + '-' + ('0' + ymd[3]).slice(-2));
        meta.appendChild(time);
      }
      if (f.unit) meta.appendChild(el('span', 'search-hit-unit', f.unit));
      a.appendChild(meta);
      var snip = el('span', 'search-hit-snippet');
      marked(snip, f.excerpt ? excerptSnippet(f.excerpt, current.ts, WIDTH) :
        snippet(f.text, current.ts, WIDTH, f.summary, f.text === f.head && !!f.more));
      a.appendChild(snip);
    }

    // Facet counts: each facet counts the hits that pass the other filters.
    function counts(skip, keyOf) {
      var out = {}, saved = state[skip];
      state[skip] = '';
      current.hits.forEach(function (h) {
        if (!keep(h.id)) return;
        var ks = keyOf(h.id);
        (Array.isArray(ks) ? ks : [ks]).forEach(function (k) { out[k] = (out[k] || 0) + 1; });
      });
      state[skip] = saved;
      return out;
    }

    function setFilter(k, v) {
      state[k] = v;
      writeURL(true);
      render();
    }

    function renderFilters() {
      if (!filters) return;
      clear(filters);
      if (!current.hits.length || !current.classes) return;
      var kinds = counts('kind', function (id) { return current.classes[id][0]; });
      var group = el('div', 'search-filter-kinds');
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', '按类别筛选');
      var all = 0;
      Object.keys(kinds).forEach(function (k) { all += kinds[k]; });
      var chip = function (value, label, n) {
        var b = el('button', 'search-chip', label + ' ' + n);
        b.type = 'button';
        b.setAttribute('aria-pressed', String(state.kind === value));
        b.addEventListener('click', function () { setFilter('kind', value); });
        group.appendChild(b);
      };
      chip('', '全部', all);
      Object.keys(KINDS).forEach(function (k) { if (kinds[k]) chip(k, KINDS[k], kinds[k]); });
      filters.appendChild(group);

      var years = counts('year', function (id) { return String(current.classes[id][1]); });
      var ys = Object.keys(years).filter(function (y) { return y !== '0'; }).sort().reverse();
      if (ys.length) {
        var label = el('label', 'search-filter-year', '年份 ');
        var sel = el('select');
        sel.appendChild(new Option('全部年份', ''));
        ys.forEach(function (y) { sel.appendChild(new Option(y + ' 年（' + years[y] + '）', y)); });
        sel.value = state.year;
        sel.addEventListener('change', function () { setFilter('year', sel.value); });
        label.appendChild(sel);
        filters.appendChild(label);
      }

      // The unit table is larger than the rest, so it loads when asked for.
      var det = el('details', 'search-filter-unit');
      det.appendChild(el('summary', '', '按单位筛选' + (state.unit ? '（已选）' : '')));
      var fillUnits = function () {
        var us = counts('unit', function (id) { return current.units.of[id]; });
        var usel = el('select');
        usel.appendChild(new Option('全部单位', ''));
        Object.keys(us).map(Number).sort(function (a, b) { return us[b] - us[a] || a - b; }).forEach(function (i) {
          var u = current.units.names[i];
          usel.appendChild(new Option(u[1] + '（' + us[i] + '）', u[0]));
        });
        usel.value = state.unit;
        usel.addEventListener('change', function () { setFilter('unit', usel.value); });
        det.appendChild(usel);
      };
      if (current.units) { det.open = !!state.unit; fillUnits(); } else {
        det.addEventListener('toggle', function once() {
          det.removeEventListener('toggle', once);
          var my = seq;
          engine.units().then(function (u) {
            if (my !== seq) return;
            current.units = u;
            indexUnits();
            fillUnits();
          });
        });
      }
      filters.appendChild(det);
    }

    // Input: nothing during an IME composition; on compositionend and
    // (debounced) on input otherwise.
    var composing = false, timer = 0;
    function later() {
      clearTimeout(timer);
      timer = setTimeout(function () { if (input.value.trim() !== state.q) run(false); }, 150);
    }
    input.addEventListener('compositionstart', function () { composing = true; });
    input.addEventListener('compositionend', function () { composing = false; later(); });
    input.addEventListener('input', function (e) {
      if (composing || e.isComposing) return;
      later();
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      state.kind = state.year = state.unit = '';
      run(true);
    });

    // Keyboard: arrows move between the input and the results.
    function links() { return Array.prototype.slice.call(results.querySelectorAll('a.search-hit[href]')); }
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && !composing) {
        var ls = links();
        if (ls.length) { e.preventDefault(); ls[0].focus(); }
      }
    });
    results.addEventListener('keydown', function (e) {
      var ls = links(), i = ls.indexOf(doc.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown' && i + 1 < ls.length) { e.preventDefault(); ls[i + 1].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? ls[i - 1] : input).focus(); }
      else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
    });

    global.addEventListener('popstate', function () { readURL(); run(false); });

    readURL();
    if (state.q) run(false);
    else input.focus();
    engine.open().catch(function () { say('搜索索引加载失败，请确认网站的 search 文件夹完整后刷新本页。'); });
  }
})(typeof window !== 'undefined' ? window : this);
