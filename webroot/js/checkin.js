// The organiser's scanner: camera → QR → check-in, with a queue that survives short network loss.
// Without this file the page still works through its forms (code, name search, walk-in).
(function () {
  'use strict';
  var root = document.querySelector('[data-scanner]');
  if (!root) { return; }
  var eventId = root.getAttribute('data-event-id');
  var pools = JSON.parse(root.getAttribute('data-pools') || '{}');
  var msg = function (name) { return root.getAttribute('data-msg-' + name) || ''; };
  var token = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var queueKey = 'queqiao.checkin.queue.' + eventId;
  var resultBox = document.getElementById('result');
  var queueStatus = document.getElementById('queue-status');
  var video = document.getElementById('camera');
  var canvas = document.getElementById('frame');
  var startButton = document.getElementById('start-camera');
  var lastText = '';
  var lastAt = 0;
  var sending = false;

  document.querySelectorAll('[data-js-only]').forEach(function (el) { el.hidden = false; });

  function loadQueue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || '[]'); } catch (e) { return []; }
  }
  function saveQueue(queue) {
    localStorage.setItem(queueKey, JSON.stringify(queue));
    queueStatus.textContent = queue.length ? msg('queued').replace('{0}', queue.length) : '';
  }

  function show(kind, title, detail) {
    resultBox.textContent = '';
    var box = document.createElement('div');
    box.className = 'big-result ' + (kind === 'ok' ? 'result-ok' : kind === 'warn' ? 'result-warn' : 'result-bad');
    box.setAttribute('role', kind === 'ok' ? 'status' : 'alert');
    var mark = document.createElement('p');
    mark.className = 'result-mark';
    mark.textContent = kind === 'ok' ? '✓' : kind === 'warn' ? '!' : '✕';
    var name = document.createElement('p');
    name.className = 'result-name';
    name.textContent = title;
    box.appendChild(mark);
    box.appendChild(name);
    if (detail) {
      var more = document.createElement('p');
      more.textContent = detail;
      box.appendChild(more);
    }
    resultBox.appendChild(box);
    if (navigator.vibrate) { navigator.vibrate(kind === 'ok' ? 80 : [60, 60, 60]); }
  }

  function describe(person) {
    var parts = [];
    if (person.pool && pools[person.pool]) { parts.push(pools[person.pool]); }
    if (person.badge) { parts.push(msg('badge').replace('{0}', person.badge)); }
    if (person.checkedInAt) { parts.push(person.checkedInAt.substring(11, 16)); }
    (person.answers || []).forEach(function (answer) { parts.push(answer.label + '：' + answer.value); });
    return parts.join(' · ');
  }

  var gateInput = document.getElementById('gate');
  var exitBox = document.getElementById('exit-scan');
  if (gateInput) {
    gateInput.value = localStorage.getItem('queqiao.door.gate') || '';
    gateInput.addEventListener('change', function () { localStorage.setItem('queqiao.door.gate', gateInput.value.trim()); });
  }

  function countIn() {
    var checkedIn = document.querySelector('[data-count="checkedIn"]');
    if (checkedIn) { checkedIn.textContent = String(Number(checkedIn.textContent) + 1); }
  }

  function hm(iso) {
    var d = new Date(iso);
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  // With a door kit the ticket is judged on this phone, at once, network or not (door.js).
  function admitHere(item) {
    item.gate = gateInput ? gateInput.value.trim() : '';
    item.direction = exitBox && exitBox.checked ? 'OUT' : 'IN';
    window.queqiaoDoor.admit(item).then(function (verdict) {
      if (verdict.kind === 'bad') {
        show('bad', msg('invalid'), '');
      } else if (verdict.kind === 'warn') {
        show('warn', verdict.person.displayName, msg('already-at').replace('{0}', hm(verdict.firstAt)));
      } else {
        show('ok', verdict.person.displayName, (item.direction === 'OUT' ? msg('exit') + ' · ' : '') + describe(verdict.person));
        if (item.direction !== 'OUT' && !verdict.firstAt) { countIn(); }
      }
      queueStatus.textContent = window.queqiaoDoor.pending() ? msg('queued').replace('{0}', window.queqiaoDoor.pending()) : '';
    });
  }

  document.addEventListener('queqiao:door-ready', function () {
    window.queqiaoDoor.onSynced(function (results, batch) {
      results.forEach(function (r, i) {
        if (r.status === 'INVALID') {
          show('bad', msg('invalid'), r.reason || '');
        } else if (r.status === 'DUPLICATE') {
          var person = window.queqiaoDoor.attendees().filter(function (a) { return a.rsvpId === r.rsvpId; })[0];
          show('warn', (person && person.displayName) || r.displayName || '',
            msg('duplicate').replace('{0}', hm(r.firstAt)).replace('{1}', hm(r.scannedAt || batch[i].scannedAt)));
        }
      });
      queueStatus.textContent = window.queqiaoDoor.pending() ? msg('queued').replace('{0}', window.queqiaoDoor.pending()) : '';
    });
  });

  // Online, the server judges each scan (so two phones can never both admit a ticket); offline,
  // or for a gate or an exit scan, this phone judges with its door kit and syncs later.
  function byKit() {
    return window.queqiaoDoor && (!navigator.onLine || (gateInput && gateInput.value.trim()) || (exitBox && exitBox.checked));
  }

  function enqueue(item) {
    if (byKit()) {
      admitHere(item);
      return;
    }
    var queue = loadQueue();
    item.scannedAt = new Date().toISOString();
    item.key = Math.random().toString(36).slice(2);
    queue.push(item);
    saveQueue(queue);
    drain();
  }

  // Sends queued scans one by one; a network failure keeps the rest for later. The server judges
  // each scan by the time it was made, so a ticket scanned offline still counts when synced.
  function drain() {
    if (sending) { return; }
    var queue = loadQueue();
    if (!queue.length) { return; }
    sending = true;
    var item = queue[0];
    var body = { scannedAt: item.scannedAt };
    if (item.qr) { body.qr = item.qr; } else { body.code = item.code; }
    fetch('/api/events/' + eventId + '/checkins', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) { return { status: response.status, json: json }; });
    }).then(function (answer) {
      saveQueue(loadQueue().filter(function (q) { return q.key !== item.key; }));
      sending = false;
      if (answer.status === 201) {
        show('ok', answer.json.displayName, describe(answer.json));
        countIn();
      } else if (answer.json.error && answer.json.error.code === 'ALREADY_CHECKED_IN') {
        show('warn', answer.json.error.displayName || '', answer.json.error.message);
      } else {
        show('bad', (answer.json.error && answer.json.error.message) || String(answer.status), '');
      }
      drain();
    }).catch(function () {
      sending = false;
      if (window.queqiaoDoor) {
        // The network is gone: judge what waits here, at once, and let the kit's sync send it.
        var waiting = loadQueue();
        saveQueue([]);
        waiting.forEach(function (q) { admitHere(q.qr ? { qr: q.qr } : { code: q.code }); });
        return;
      }
      queueStatus.textContent = msg('offline') + ' ' + msg('queued').replace('{0}', loadQueue().length);
      setTimeout(drain, 3000);
    });
  }

  function onDecoded(text) {
    var now = Date.now();
    if (!text || (text === lastText && now - lastAt < 4000)) { return; }
    lastText = text;
    lastAt = now;
    enqueue({ qr: text });
  }

  var detector = ('BarcodeDetector' in window) ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;

  function scanFrame() {
    if (video.readyState >= 2 && video.videoWidth) {
      if (detector) {
        detector.detect(video).then(function (codes) {
          if (codes.length) { onDecoded(codes[0].rawValue); }
        }).catch(function () { detector = null; });
      } else if (window.jsQR) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        var context = canvas.getContext('2d', { willReadFrequently: true });
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (code) { onDecoded(code.data); }
      }
    }
    setTimeout(scanFrame, 150);
  }

  startButton.addEventListener('click', function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        startButton.hidden = true;
        return video.play();
      })
      .then(scanFrame)
      .catch(function () { show('bad', msg('camera-error'), ''); });
  });

  var codeForm = document.getElementById('code-form');
  if (codeForm) {
    codeForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var input = codeForm.querySelector('input[name="code"]');
      if (input.value.trim()) { enqueue({ code: input.value.trim() }); }
      input.value = '';
    });
  }

  // Offline, the name search looks through the door kit's attendee list instead of the server.
  var searchForm = document.getElementById('search-form');
  var offlineFound = document.getElementById('offline-found');
  if (searchForm && offlineFound) {
    searchForm.addEventListener('submit', function (e) {
      if (navigator.onLine || !window.queqiaoDoor) { return; }
      e.preventDefault();
      var q = searchForm.querySelector('input[name="q"]').value.trim().toLowerCase();
      var hits = window.queqiaoDoor.attendees().filter(function (a) {
        return q && ((a.displayName || '').toLowerCase().indexOf(q) >= 0 || (a.memberNo || '').toLowerCase().indexOf(q) >= 0);
      }).slice(0, 20);
      offlineFound.replaceChildren.apply(offlineFound, hits.length ? hits.map(function (a) {
        var item = document.createElement('li');
        var label = document.createElement('span');
        label.textContent = a.displayName + (pools[a.pool] ? ' ' + pools[a.pool] : '') + (a.memberNo ? ' · ' + a.memberNo : '');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'button button-small-solid';
        button.textContent = offlineFound.getAttribute('data-msg-admit');
        button.addEventListener('click', function () { admitHere({ rsvpId: a.rsvpId }); });
        item.appendChild(label);
        item.appendChild(button);
        return item;
      }) : [Object.assign(document.createElement('li'), { textContent: offlineFound.getAttribute('data-msg-nobody') })]);
      offlineFound.hidden = false;
    });
  }

  window.addEventListener('online', drain);
  saveQueue(loadQueue());
  drain();
})();
