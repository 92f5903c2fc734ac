// Live standings (public page and the venue's projector): the server pushes the whole standings
// after every result, from whichever instance took it; the page redraws in place, no reload.
(function () {
  'use strict';
  var root = document.querySelector('[data-standings-stream]');
  if (!root || !window.EventSource) { return; }
  var eventId = root.getAttribute('data-event');
  var pending = root.getAttribute('data-pending');
  var teamsBody = root.querySelector('[data-teams]');
  var gamesList = root.querySelector('[data-games]');
  var live = root.querySelector('[data-live]');

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function drawTeams(teams) {
    var rows = document.createDocumentFragment();
    teams.forEach(function (t) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-team', t.team);
      cell(tr, t.rank);
      var name = cell(tr, '');
      var link = document.createElement('a');
      link.href = '/events/' + eventId + '/teams/' + encodeURIComponent(t.team);
      link.textContent = t.label;
      name.appendChild(link);
      cell(tr, t.points).className = 'standings-points';
      cell(tr, t.gold);
      cell(tr, t.silver);
      cell(tr, t.bronze);
      rows.appendChild(tr);
    });
    teamsBody.replaceChildren(rows);
  }

  function drawGames(games) {
    var items = document.createDocumentFragment();
    games.forEach(function (g) {
      var li = document.createElement('li');
      li.setAttribute('data-game', g.key);
      var name = document.createElement('span');
      name.className = 'standings-game-name';
      name.textContent = g.name;
      li.appendChild(name);
      li.appendChild(document.createTextNode(' '));
      var results = document.createElement('span');
      results.className = 'standings-game-results';
      if (g.results.length === 0) {
        results.textContent = pending;
      } else {
        g.results.forEach(function (r) {
          var one = document.createElement('span');
          one.className = 'standings-result medal-' + (r.medal || '');
          one.textContent = r.place + '. ' + r.label + ' ' + r.value + '（' + r.points + '）';
          results.appendChild(one);
          results.appendChild(document.createTextNode(' '));
        });
      }
      li.appendChild(results);
      items.appendChild(li);
    });
    gamesList.replaceChildren(items);
  }

  var source = new EventSource(root.getAttribute('data-standings-stream'));
  source.addEventListener('standings', function (e) {
    var standings = JSON.parse(e.data);
    drawTeams(standings.teams);
    drawGames(standings.games);
    var empty = root.querySelector('[data-empty]');
    if (empty && standings.games.length > 0) { empty.hidden = true; }
    if (live) { live.setAttribute('data-updated', new Date().toISOString()); }
  });
})();
