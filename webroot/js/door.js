// The door phone without a network: the door kit (downloaded while online and kept in
// localStorage) holds the event's key and attendee list, so a ticket's QR or spoken code is
// verified here, the person admitted at once, and the admission queued for /checkins/sync when the
// network is back. checkin.js uses window.queqiaoDoor when it is ready, its own online queue if not.
(function () {
  'use strict';
  var root = document.querySelector('[data-scanner]');
  var subtle = window.crypto && window.crypto.subtle;
  if (!root || !subtle) { return; }
  var eventId = root.getAttribute('data-event-id');
  var kitKey = 'queqiao.door.kit.' + eventId;
  var syncKey = 'queqiao.door.sync.' + eventId;
  var seenKey = 'queqiao.door.seen.' + eventId;
  var token = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var kit = null;
  var secrets = {};       // rsvpId → CryptoKey of that ticket's secret
  var codeSteps = {};     // step → { digits: [rsvpIds] }
  var syncing = false;
  var listeners = [];

  function read(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function write(key, value) { localStorage.setItem(key, JSON.stringify(value)); }
  function step() { return Math.floor(Date.now() / 1000 / (kit.keys.period || 30)); }
  function bytes(text) { return new TextEncoder().encode(text); }
  function hmacKey(raw) { return subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']); }
  function b64url(buffer) {
    var text = '';
    new Uint8Array(buffer).forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromB64url(text) {
    var bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, function (c) { return c.charCodeAt(0); });
  }
  function counter(s) {
    var out = new Uint8Array(8);
    var high = Math.floor(s / 4294967296);
    var low = s % 4294967296;
    for (var i = 0; i < 4; i++) { out[3 - i] = (high >>> (8 * i)) & 255; out[7 - i] = (low >>> (8 * i)) & 255; }
    return out;
  }
  function totp(mac) {
    var m = new Uint8Array(mac);
    var o = m[m.length - 1] & 15;
    var v = (((m[o] & 127) << 24) | (m[o + 1] << 16) | (m[o + 2] << 8) | m[o + 3]) % 1000000;
    return ('000000' + v).slice(-6);
  }

  function attendee(rsvpId) {
    return kit.attendees.filter(function (a) { return String(a.rsvpId) === String(rsvpId); })[0] || null;
  }

  // The ticket secrets, derived once from the event key: HMAC(eventKey, "ticket-secret|" + rsvpId), 20 bytes.
  function prepare() {
    return hmacKey(fromB64url(kit.keys.eventKey)).then(function (eventKey) {
      return Promise.all(kit.attendees.map(function (a) {
        return subtle.sign('HMAC', eventKey, bytes('ticket-secret|' + a.rsvpId))
          .then(function (mac) { return hmacKey(new Uint8Array(mac).slice(0, 20)); })
          .then(function (key) { secrets[a.rsvpId] = key; });
      }));
    });
  }

  function codesAt(s) {
    if (codeSteps[s]) { return Promise.resolve(codeSteps[s]); }
    var table = {};
    return Promise.all(Object.keys(secrets).map(function (id) {
      return subtle.sign('HMAC', secrets[id], counter(s)).then(function (mac) {
        var d = totp(mac);
        (table[d] = table[d] || []).push(id);
      });
    })).then(function () { codeSteps[s] = table; return table; });
  }

  // The rsvpId a ticket stands for, or null: a QR T2.e.r.s.sig or six digits, one step either side.
  function verify(item) {
    var now = step();
    if (item.qr) {
      var parts = item.qr.trim().split('.');
      var s = Number(parts[3]);
      if (parts.length !== 5 || parts[0] !== 'T2' || parts[1] !== String(eventId) || !secrets[parts[2]]
          || Math.abs(s - now) > 1) {
        return Promise.resolve(null);
      }
      return subtle.sign('HMAC', secrets[parts[2]], bytes(parts.slice(0, 4).join('.'))).then(function (mac) {
        return b64url(new Uint8Array(mac).slice(0, 12)) === parts[4] ? parts[2] : null;
      });
    }
    if (item.rsvpId) { return Promise.resolve(attendee(item.rsvpId) ? String(item.rsvpId) : null); }
    var digits = String(item.code || '').replace(/[\s-]/g, '');
    return Promise.all([codesAt(now - 1), codesAt(now), codesAt(now + 1)]).then(function (tables) {
      var found = {};
      tables.forEach(function (t) { (t[digits] || []).forEach(function (id) { found[id] = true; }); });
      var ids = Object.keys(found);
      return ids.length === 1 ? ids[0] : null;
    });
  }

  // Admits at once: { kind: 'ok'|'warn'|'bad', person, firstAt }. The scan goes to the sync queue.
  function admit(item) {
    return verify(item).then(function (rsvpId) {
      if (!rsvpId) { return { kind: 'bad' }; }
      var person = attendee(rsvpId);
      var seen = read(seenKey, {});
      var exit = item.direction === 'OUT';
      var first = seen[rsvpId] || person.checkedInAt;
      var scan = { deviceId: kit.deviceId, scannedAt: new Date().toISOString(), gate: item.gate || undefined,
        direction: exit ? 'OUT' : 'IN' };
      if (item.qr) { scan.qr = item.qr; } else if (item.code) { scan.code = item.code; } else { scan.rsvpId = Number(rsvpId); }
      var queue = read(syncKey, []);
      queue.push(scan);
      write(syncKey, queue);
      if (!exit && !first) {
        seen[rsvpId] = scan.scannedAt;
        write(seenKey, seen);
      }
      sync();
      return { kind: exit ? 'ok' : first && !kit.reentry ? 'warn' : 'ok', person: person, firstAt: first || null };
    });
  }

  function sync() {
    var queue = read(syncKey, []);
    if (syncing || !queue.length || !kit) { return; }
    syncing = true;
    // A batch is the scans of one kit: a phone that downloaded a newer kit still syncs the older one's.
    var device = queue[0].deviceId;
    var batch = [];
    for (var i = 0; i < queue.length && batch.length < 200 && queue[i].deviceId === device; i++) { batch.push(queue[i]); }
    fetch('/api/events/' + eventId + '/checkins/sync', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify({ deviceId: device, checkins: batch.map(function (scan) {
        var copy = Object.assign({}, scan);
        delete copy.deviceId;
        return copy;
      }) })
    }).then(function (response) {
      if (response.status === 403) { localStorage.removeItem(kitKey); }
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (answer) {
      write(syncKey, read(syncKey, []).slice(batch.length));
      syncing = false;
      listeners.forEach(function (l) { l(answer.results, batch); });
      sync();
    }).catch(function () {
      syncing = false;
      setTimeout(sync, 3000);
    });
  }

  function fresh(stored) {
    return stored && stored.eventId === Number(eventId) && Date.parse(stored.expiresAt) > Date.now();
  }

  function start(loaded) {
    kit = loaded;
    return prepare().then(function () {
      window.queqiaoDoor = {
        admit: admit,
        attendees: function () { return kit.attendees; },
        pending: function () { return read(syncKey, []).length; },
        onSynced: function (listener) { listeners.push(listener); }
      };
      root.setAttribute('data-door-ready', kit.deviceId);
      document.dispatchEvent(new CustomEvent('queqiao:door-ready'));
      sync();
    });
  }

  // Online, a fresh kit (the attendee list as it is now); offline, the one kept from before.
  fetch('/api/events/' + eventId + '/door-kit', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
    .then(function (loaded) { write(kitKey, loaded); return start(loaded); })
    .catch(function () {
      var stored = read(kitKey, null);
      if (fresh(stored)) { start(stored); }
    });
  window.addEventListener('online', sync);
})();
