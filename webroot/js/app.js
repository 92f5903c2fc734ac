// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute('content') : '';

  // fetch with the CSRF token that cookie-authenticated state changes need.
  window.queqiaoFetch = function (url, options) {
    var opts = Object.assign({ credentials: 'same-origin' }, options || {});
    opts.headers = Object.assign({ 'Accept': 'application/json' }, opts.headers || {});
    var method = (opts.method || 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      opts.headers['X-CSRF-Token'] = token;
      // The JSON API takes bodies as application/json only (anything else is 415).
      if (opts.body && typeof opts.body !== 'string') {
        opts.body = JSON.stringify(opts.body);
      }
      if (opts.body && !opts.headers['Content-Type']) {
        opts.headers['Content-Type'] = 'application/json';
      }
    }
    return fetch(url, opts);
  };

  // The event form shows every type's seat fields without JavaScript; with it, only the chosen type's.
  function showSectionsFor(type) {
    document.querySelectorAll('[data-for-types]').forEach(function (section) {
      section.hidden = section.getAttribute('data-for-types').split(' ').indexOf(type) < 0;
    });
  }
  var typeSelect = document.querySelector('[data-type-select]');
  if (typeSelect) {
    showSectionsFor(typeSelect.value);
    typeSelect.addEventListener('change', function () { showSectionsFor(typeSelect.value); });
  }

  // Ticket and venue codes change every 30 s. Without JavaScript the page reloads itself (a
  // <meta refresh> in <noscript>); with it, only the code box is redrawn, in place, when its code
  // expires: the page does not jump back to the top under a reader. A network failure keeps the
  // old code on screen (it is still accepted for one more step) and tries again shortly; a refusal
  // or an answer without a code (signed out, sign-up cancelled) reloads the page, which says why.
  function keepFresh(box) {
    var seconds = Number(box.getAttribute('data-live-refresh')) || 30;
    setTimeout(function () {
      fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (response) {
          if (response.status >= 400 && response.status < 500) {
            window.location.reload();
            return new Promise(function () {});
          }
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.text();
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-live-refresh]');
          if (!fresh) {
            window.location.reload();
            return;
          }
          box.replaceChildren.apply(box, Array.prototype.map.call(fresh.childNodes, function (node) {
            return document.importNode(node, true);
          }));
          box.setAttribute('data-live-refresh', fresh.getAttribute('data-live-refresh'));
          keepFresh(box);
        })
        .catch(function () {
          box.setAttribute('data-live-refresh', '3');
          keepFresh(box);
        });
    }, seconds * 1000);
  }
  document.querySelectorAll('[data-live-refresh]').forEach(keepFresh);

  // Union fields are typed names that the server resolves (and, without JavaScript, offers matches
  // for after sending). With it, the datalist is filled from the server's search while typing.
  document.querySelectorAll('[data-union-suggest]').forEach(function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    var timer = null;
    var asked = '';
    if (!list) { return; }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q === '' || q === asked) { return; }
        asked = q;
        fetch('/api/unions?limit=10&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (unions) {
            if (input.value.trim() !== q) { return; }
            list.replaceChildren.apply(list, unions.map(function (union) {
              var option = document.createElement('option');
              option.value = union.name;
              if (union.parentName) { option.label = union.parentName; }
              return option;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
