// Completes the flow a mailed link starts, against this server's own API. The token is read once from the
// address and removed from it, so it is neither kept in history nor shown over a shoulder.
(function () {
  'use strict';
  var flow = document.body.getAttribute('data-flow');
  var status = document.getElementById('status');
  var token = new URLSearchParams(window.location.search).get('token');
  window.history.replaceState(null, '', window.location.pathname);

  function say(text, failed) {
    status.textContent = text;
    status.className = failed ? 'failed' : 'ok';
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(body),
      credentials: 'omit',
      referrerPolicy: 'no-referrer'
    }).then(function (response) {
      if (response.status === 204 || response.ok) {
        return null;
      }
      return response.json().then(function (problem) {
        var detail = problem.detail || problem.title || 'The request failed';
        if (problem.errors && problem.errors.length) {
          detail += ': ' + problem.errors.map(function (e) { return e.message; }).join('; ');
        }
        throw new Error(detail);
      }, function () { throw new Error('The request failed (' + response.status + ')'); });
    });
  }

  if (!token) {
    say('This link is incomplete. Open the link from the email again.', true);
    return;
  }

  if (flow === 'verify-email') {
    post('/v1/auth/verify-email', {token: token}).then(function () {
      say('Your email address is confirmed. You can go back to the app.', false);
    }, function (e) { say(e.message, true); });
    return;
  }

  var form = document.getElementById('reset');
  form.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var password = document.getElementById('password').value;
    if (password !== document.getElementById('again').value) {
      say('The two passwords differ.', true);
      return;
    }
    post('/v1/auth/password/reset', {token: token, password: password}).then(function () {
      form.hidden = true;
      say('Your password is changed and every session was signed out. Sign in with the new one.', false);
    }, function (e) { say(e.message, true); });
  });
}());
