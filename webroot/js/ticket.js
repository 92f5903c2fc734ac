// The ticket makes its own codes: with the sign-up's secret (given by the server while online) it
// computes the six-digit TOTP and the signed QR every 30 s, with or without a network. A service
// worker keeps the page for opening offline. Online, app.js still fetches the box when the step
// ends (it shows "checked in"); what it swaps in — possibly a kept, older copy when offline — is
// corrected here within a second. Without WebCrypto (not HTTPS) app.js's fetching alone remains.
(function () {
  'use strict';
  var box = document.querySelector('[data-offline-ticket]');
  if (!box) { return; }
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/ticket-sw.js', { scope: '/events/' }).catch(function () {});
  }
  var subtle = window.crypto && window.crypto.subtle;
  if (!subtle || typeof window.qrcode !== 'function') { return; }
  var period = Number(box.getAttribute('data-period')) || 30;
  var prefix = 'T2.' + box.getAttribute('data-event-id') + '.' + box.getAttribute('data-rsvp-id') + '.';

  function base32(text) {
    var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    var bytes = [];
    var buffer = 0;
    var bits = 0;
    text.replace(/=+$/, '').toUpperCase().split('').forEach(function (c) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        bytes.push((buffer >> (bits - 8)) & 255);
        bits -= 8;
      }
    });
    return new Uint8Array(bytes);
  }

  function base64url(bytes) {
    var text = '';
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function counter(step) {
    var bytes = new Uint8Array(8);
    var high = Math.floor(step / 4294967296);
    var low = step % 4294967296;
    for (var i = 0; i < 4; i++) {
      bytes[3 - i] = (high >>> (8 * i)) & 255;
      bytes[7 - i] = (low >>> (8 * i)) & 255;
    }
    return bytes;
  }

  function totp(mac) {
    var offset = mac[mac.length - 1] & 15;
    var value = ((mac[offset] & 127) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
    var digits = String(value % 1000000);
    return '000000'.slice(digits.length) + digits;
  }

  function svg(text) {
    var qr = window.qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    var n = qr.getModuleCount();
    var path = '';
    for (var y = 0; y < n; y++) {
      for (var x = 0; x < n; x++) {
        if (qr.isDark(y, x)) { path += 'M' + (x + 4) + ',' + (y + 4) + 'h1v1h-1z'; }
      }
    }
    var size = n + 8;
    return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '
      + size + ' ' + size + '" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="'
      + path + '" fill="#000"/></svg>');
  }

  subtle.importKey('raw', base32(box.getAttribute('data-secret')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    .then(function (key) {
      var shown = null;
      var current = null;
      // Puts the current codes in the box (its children may have been swapped by app.js).
      function apply() {
        var img = box.querySelector('.ticket-qr img');
        var code = box.querySelector('.ticket-code');
        if (!current || !img || !code) { return; }
        if (code.textContent !== current.digits) { code.textContent = current.digits; }
        if (img.getAttribute('data-qr') !== current.qr) {
          img.src = current.src;
          img.setAttribute('data-qr', current.qr);
        }
        box.setAttribute('data-qr', current.qr);
        box.setAttribute('data-step', String(current.step));
      }
      function draw() {
        var step = Math.floor(Date.now() / 1000 / period);
        if (step !== shown) {
          shown = step;
          var token = prefix + step;
          Promise.all([
            subtle.sign('HMAC', key, counter(step)),
            subtle.sign('HMAC', key, new TextEncoder().encode(token))
          ]).then(function (macs) {
            var digits = totp(new Uint8Array(macs[0]));
            var qr = token + '.' + base64url(new Uint8Array(macs[1]).slice(0, 12));
            current = { step: step, qr: qr, src: svg(qr), digits: digits.slice(0, 3) + ' ' + digits.slice(3) };
            apply();
          });
        } else {
          apply();
        }
        setTimeout(draw, 1000 - (Date.now() % 1000) + 5);
      }
      draw();
    });
})();
