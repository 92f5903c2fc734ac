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
      if (opts.body && typeof opts.body !== 'string') {
        opts.body = JSON.stringify(opts.body);
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
})();
