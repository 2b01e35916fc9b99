/* 朗读: reads the article's title and body aloud with the browser's own
   speech synthesis (zh-CN), no outside service. The controls stay hidden
   unless the browser has a Chinese voice: the voice list often arrives
   late, so it is checked again on voiceschanged. Long text is spoken in
   sentence-sized pieces (some browsers stop a long utterance after about
   15 seconds). ES5, for old phones. */
(function () {
  var box = document.querySelector('[data-read-aloud]');
  var synth = window.speechSynthesis;
  if (!box || !synth || !window.SpeechSynthesisUtterance) return;
  var article = box.parentNode;
  while (article && article.tagName !== 'ARTICLE') article = article.parentNode;
  if (!article) return;
  var btn = {};
  var all = box.getElementsByTagName('button');
  for (var i = 0; i < all.length; i++) btn[all[i].getAttribute('data-ra')] = all[i];
  var voice = null, queue = [], state = 'idle';

  function zhVoice() {
    var vs = synth.getVoices() || [], best = null;
    for (var i = 0; i < vs.length; i++) {
      var lang = String(vs[i].lang || '').replace('_', '-').toLowerCase();
      if (lang === 'zh-cn' || lang === 'cmn-hans-cn') return vs[i];
      if (!best && (lang.indexOf('zh') === 0 || lang.indexOf('cmn') === 0)) best = vs[i];
    }
    return best;
  }
  function check() {
    voice = zhVoice();
    box.hidden = !voice;
  }
  function show() {
    btn.play.hidden = state !== 'idle';
    btn.pause.hidden = state !== 'speaking';
    btn.resume.hidden = state !== 'paused';
    btn.stop.hidden = state === 'idle';
  }
  // The text a reader sees: title, then the body, without the controls,
  // tables of contents and hidden helper text.
  function text() {
    var parts = [];
    var h1 = article.getElementsByTagName('h1')[0];
    if (h1) parts.push(h1.textContent);
    var bodies = article.querySelectorAll('.prose');
    for (var i = 0; i < bodies.length; i++) parts.push(bodies[i].innerText || bodies[i].textContent);
    return parts.join('。\n');
  }
  function pieces(s) {
    var out = [], cur = '';
    var bits = s.split(/([。！？；!?;\n])/);
    for (var i = 0; i < bits.length; i++) {
      cur += bits[i];
      if (cur.length > 120 || /[。！？；!?;\n]$/.test(cur)) {
        if (/\S/.test(cur)) out.push(cur);
        cur = '';
      }
    }
    if (/\S/.test(cur)) out.push(cur);
    return out;
  }
  function next() {
    if (state === 'idle') return;
    if (!queue.length) { state = 'idle'; show(); return; }
    var u = new SpeechSynthesisUtterance(queue.shift());
    u.lang = 'zh-CN';
    try { if (voice) u.voice = voice; } catch (e) { /* lang alone picks a voice */ }
    u.onend = next;
    u.onerror = function () { stop(); };
    synth.speak(u);
  }
  function stop() {
    state = 'idle';
    queue = [];
    synth.cancel();
    show();
  }
  box.addEventListener('click', function (e) {
    var b = e.target;
    while (b && b !== box && b.tagName !== 'BUTTON') b = b.parentNode;
    if (!b || b === box) return;
    switch (b.getAttribute('data-ra')) {
      case 'play':
        synth.cancel();
        queue = pieces(text());
        state = 'speaking';
        next();
        break;
      case 'pause':
        synth.pause();
        state = 'paused';
        break;
      case 'resume':
        synth.resume();
        state = 'speaking';
        break;
      case 'stop':
        stop();
        break;
    }
    show();
    // Keep the keyboard where the reader was: on the control now shown.
    var to = btn[state === 'speaking' ? 'pause' : state === 'paused' ? 'resume' : 'play'];
    if (to && b.hidden) to.focus();
  });
  window.addEventListener('pagehide', stop);
  check();
  if (synth.addEventListener) synth.addEventListener('voiceschanged', check);
  else synth.onvoiceschanged = check;
})();
