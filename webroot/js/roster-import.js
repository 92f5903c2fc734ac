// A roster import's progress bar: the server streams the progress after every batch, from
// whichever instance reads the file; the stream ends when the import is done or failed, and the
// page then reloads once to show the final counts and the refused rows' download.
(function () {
  'use strict';
  var root = document.querySelector('[data-roster-import]');
  if (!root || !window.EventSource || root.getAttribute('data-finished') === 'true') { return; }
  var id = root.getAttribute('data-roster-import');
  var bar = root.querySelector('[data-progress]');
  var percent = root.querySelector('[data-percent]');
  var fields = { rows: '[data-rows]', accepted: '[data-accepted]', refused: '[data-refused]' };
  var source = new EventSource('/api/roster-imports/' + encodeURIComponent(id) + '/stream');
  source.addEventListener('progress', function (message) {
    var p = JSON.parse(message.data);
    var finished = p.status === 'DONE' || p.status === 'FAILED';
    var value = finished ? 100 : (p.rows > 0 ? Math.min(99, Math.floor(p.done * 100 / p.rows)) : 0);
    bar.value = value;
    bar.textContent = value + '%';
    percent.textContent = value;
    Object.keys(fields).forEach(function (key) {
      var el = root.querySelector(fields[key]);
      if (el) { el.textContent = p[key]; }
    });
    if (finished) {
      source.close();
      window.location.reload();
    }
  });
}());
