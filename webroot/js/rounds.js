// Rounds at a mixer: the server stores when the round ends; this page polls its own view of the
// round (table, or resting) and counts down to that end time, corrected by the server's clock.
(function () {
  'use strict';
  var root = document.querySelector('[data-round]');
  if (!root || !window.fetch) { return; }
  var url = root.getAttribute('data-poll-url');
  var endsAt = null;
  var offset = 0;

  function parse(value) { return value ? Date.parse(value) : null; }
  function label(name) { return root.getAttribute('data-label-' + name) || ''; }
  function set(field, value) {
    var el = root.querySelector('[data-round-field="' + field + '"]');
    if (el && value !== undefined && value !== null) { el.textContent = value; }
  }

  function tick() {
    var clock = root.querySelector('[data-round-clock]');
    if (!clock || !endsAt) { return; }
    var left = Math.max(0, Math.round((endsAt - (Date.now() + offset)) / 1000));
    clock.textContent = Math.floor(left / 60) + ':' + ('0' + (left % 60)).slice(-2);
    root.classList.toggle('round-over', left === 0);
  }

  function render(data) {
    if (data.round === null || data.round === undefined) { root.hidden = true; return; }
    root.hidden = false;
    endsAt = parse(data.endsAt);
    offset = (parse(data.now) || Date.now()) - Date.now();
    set('round', data.round);
    set('tables', data.tables);
    set('resting', data.resting);
    if (data.status === 'TABLE') { set('status', label('table') + ' ' + data.table); }
    if (data.status === 'RESTING') { set('status', label('resting')); }
    if (data.status === 'NOT_SEATED') { set('status', label('not-seated')); }
    tick();
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { render(data); } })
      .catch(function () { /* the next poll tries again */ });
  }

  endsAt = parse(root.getAttribute('data-ends-at'));
  offset = (parse(root.getAttribute('data-now')) || Date.now()) - Date.now();
  tick();
  setInterval(tick, 1000);
  setInterval(poll, 3000);
})();
