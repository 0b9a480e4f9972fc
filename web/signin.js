'use strict';
// Exchanges the --token for an HttpOnly session cookie (the page's script never sees the cookie).
(() => {
  const form = document.getElementById('signin-form');
  const input = document.getElementById('signin-token');
  const error = document.getElementById('signin-error');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    try {
      const r = await fetch('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tuneboard': '1' },
        body: JSON.stringify({ token: input.value })
      });
      if (r.ok) { location.replace('/'); return; }
      const body = await r.json().catch(() => ({}));
      error.textContent = body.error || ('HTTP ' + r.status);
    } catch (e) {
      error.textContent = String(e);
    }
    error.hidden = false;
  });
})();
