/* 适老化 reading controls: text size in three steps and high contrast.
   The inline script in <head> has already applied the saved modes before
   first paint; this one, deferred, only wires the buttons. ES5 without
   closest() or NodeList.forEach, for the old phones many readers use. */
(function () {
  var root = document.documentElement;
  var tools = document.querySelector('.a11y-tools');
  if (!tools) return;
  var buttons = tools.getElementsByTagName('button');

  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }
  function size() {
    var m = root.className.match(/\bfs([12])\b/);
    return m ? m[1] : '0';
  }
  function sync() {
    var fs = size(), hc = /\bhc\b/.test(root.className);
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], v = b.getAttribute('data-fs');
      b.setAttribute('aria-pressed', String(v === null ? hc : v === fs));
    }
  }
  tools.addEventListener('click', function (e) {
    var b = e.target;
    while (b && b !== tools && b.tagName !== 'BUTTON') b = b.parentNode;
    if (!b || b === tools) return;
    var v = b.getAttribute('data-fs');
    if (v !== null) {
      root.classList.remove('fs1', 'fs2');
      if (v !== '0') root.classList.add('fs' + v);
      save('dj-fs', v);
    } else if (b.hasAttribute('data-hc')) {
      save('dj-hc', root.classList.toggle('hc') ? '1' : '0');
    }
    sync();
  });
  sync();
})();
