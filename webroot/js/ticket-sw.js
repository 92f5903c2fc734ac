// The ticket's service worker: the ticket page and its assets are answered from the network when
// there is one (and kept), else from what was kept, so a ticket opened once online opens offline.
'use strict';
var CACHE = 'queqiao-ticket-v1';
var TICKET_PAGE = /^\/events\/\d+\/ticket$/;

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) { return; }
  var page = TICKET_PAGE.test(url.pathname);
  if (!page && url.pathname.indexOf('/static/') !== 0) { return; }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(page ? url.pathname : request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) { return cache.match(page ? url.pathname : request); })
      .then(function (kept) { return kept || Response.error(); });
  }));
});
