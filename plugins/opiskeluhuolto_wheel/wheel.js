(function () {
  var tip = document.getElementById('tip');
  function mark(id, on) {
    document.querySelectorAll('[data-id="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.toggle('hi', on);
    });
  }
  function show(el, x, y) {
    var lines = (el.getAttribute('data-details') || '').split('\n');
    tip.textContent = '';
    lines.forEach(function (line, i) {
      var row = document.createElement(i === 0 ? 'b' : 'div');
      row.textContent = line;
      tip.appendChild(row);
    });
    tip.hidden = false;
    var left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 8);
    var top = Math.min(y + 14, window.innerHeight - tip.offsetHeight - 8);
    tip.style.left = Math.max(4, left) + 'px';
    tip.style.top = Math.max(4, top) + 'px';
  }
  function hide() { tip.hidden = true; }
  document.querySelectorAll('[data-id]').forEach(function (el) {
    var id = el.getAttribute('data-id');
    el.addEventListener('mouseenter', function () { mark(id, true); });
    el.addEventListener('mouseleave', function () { mark(id, false); hide(); });
    if (el.hasAttribute('data-details')) {
      el.addEventListener('mousemove', function (e) { show(el, e.clientX, e.clientY); });
      el.addEventListener('focus', function () {
        var box = el.getBoundingClientRect();
        mark(id, true);
        show(el, box.left + box.width / 2, box.top + box.height / 2);
      });
      el.addEventListener('blur', function () { mark(id, false); hide(); });
    }
  });
})();
