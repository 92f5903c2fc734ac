// Live attendance: the server pushes a message per check-in (from any instance) over SSE.
(function () {
  'use strict';
  var root = document.querySelector('[data-attendance]');
  if (!root || !window.EventSource) { return; }
  var eventId = root.getAttribute('data-event-id');
  var recent = document.getElementById('recent');

  function update(attendance) {
    ['insideNow', 'checkedIn', 'notCheckedIn', 'confirmed', 'waitlisted'].forEach(function (field) {
      var el = root.querySelector('[data-field="' + field + '"]');
      if (el) { el.textContent = attendance[field]; }
    });
    var gates = document.getElementById('gates');
    if (gates && attendance.gates) {
      gates.replaceChildren.apply(gates, attendance.gates.map(function (gate) {
        var row = document.createElement('tr');
        row.setAttribute('data-gate', gate.gate);
        [gate.gate || root.getAttribute('data-msg-no-gate'), gate.insideNow, gate.checkedIn].forEach(function (value) {
          var cell = document.createElement('td');
          cell.textContent = String(value);
          row.appendChild(cell);
        });
        return row;
      }));
    }
    (attendance.pools || []).forEach(function (pool) {
      var row = root.querySelector('[data-pool="' + pool.key + '"]');
      if (!row) { return; }
      ['checkedIn', 'confirmed', 'waitlisted'].forEach(function (field) {
        var cell = row.querySelector('[data-pool-field="' + field + '"]');
        if (cell) { cell.textContent = pool[field]; }
      });
    });
  }

  var source = new EventSource('/api/events/' + eventId + '/attendance/stream');
  source.addEventListener('attendance', function (e) { update(JSON.parse(e.data)); });
  source.addEventListener('checkin', function (e) {
    var data = JSON.parse(e.data);
    update(data.attendance);
    var item = document.createElement('li');
    item.textContent = data.checkin.displayName + ' · ' + new Date(data.checkin.checkedInAt).toTimeString().substring(0, 5)
      + (data.checkin.gate ? ' · ' + data.checkin.gate : '') + (data.checkin.direction === 'OUT' ? ' ↗' : '');
    recent.insertBefore(item, recent.firstChild);
    while (recent.children.length > 10) { recent.removeChild(recent.lastChild); }
  });
})();
