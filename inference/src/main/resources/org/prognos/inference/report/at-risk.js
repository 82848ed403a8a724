// Filters the ranked table and the asset sections together (the n-th row and the n-th section are the same asset).
(function () {
  var input = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var rows = null, sections = null, texts = null;
  input.addEventListener('input', function () {
    if (rows === null) {
      rows = [].slice.call(document.querySelectorAll('#ranking tbody tr'));
      sections = document.querySelectorAll('details.asset');
      texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    }
    var q = input.value.trim().toLowerCase(), n = 0;
    for (var i = 0; i < rows.length; i++) {
      var hit = q === '' || texts[i].indexOf(q) >= 0;
      rows[i].hidden = !hit;
      sections[i].hidden = !hit;
      if (hit) { n++; }
    }
    shown.textContent = q === '' ? '' : n + ' of ' + rows.length + ' assets';
  });
})();
