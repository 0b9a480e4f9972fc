'use strict';
// A hostile page on another origin: tries to submit, cancel and read on the dashboard whose base URL
// comes in ?target=, and to cancel ?running=. Each attempt writes its outcome into the DOM.
(async () => {
  const q = new URLSearchParams(location.search);
  const target = q.get('target');
  const running = q.get('running');
  const tag = q.get('tag');
  const spec = name => `name: ${name}\ndata: {dir: data/mnist, train_limit: 300, validation: 100, test_limit: 100}\n`
    + 'model:\n  hidden_layers:\n    - units: 16\ntraining: {learning_rate: 0.001, batch_size: 64, epochs: 1}\n'
    + 'search: {algorithm: random, trials: 1, parallelism: 1, seed: 1}\nobjective: {metric: val_accuracy, direction: maximize}\n';
  const list = document.getElementById('outcomes');
  const report = (id, text) => {
    const li = document.createElement('li');
    li.id = 'outcome-' + id;
    li.dataset.outcome = id;
    li.textContent = text;
    list.appendChild(li);
  };
  const attempt = async (id, run) => {
    try { report(id, await run()); } catch (e) { report(id, 'blocked: ' + e.name + ': ' + e.message); }
  };

  // (a) fetch, text/plain: a "simple" request, sent without a preflight; the response is hidden by CORS.
  await attempt('submit-fetch', async () => {
    const r = await fetch(target + '/api/experiments', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: spec('hostile-fetch-' + tag) });
    return 'read: HTTP ' + r.status;
  });
  // (a') the same without caring for the response (no-cors): the request still leaves the browser.
  await attempt('submit-no-cors', async () => {
    const r = await fetch(target + '/api/experiments', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: spec('hostile-nocors-' + tag) });
    return 'sent: opaque ' + r.type;
  });
  // (a'') with the dashboard's own header: needs a preflight, which the dashboard never grants.
  await attempt('submit-header', async () => {
    const r = await fetch(target + '/api/experiments', { method: 'POST', headers: { 'Content-Type': 'application/yaml', 'X-Tuneboard': '1' }, body: spec('hostile-header-' + tag) });
    return 'read: HTTP ' + r.status;
  });
  // (b) a classic form post (text/plain: the field name carries the YAML, "#=" ends it as a comment).
  await attempt('submit-form', () => new Promise(resolve => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = target + '/api/experiments';
    form.enctype = 'text/plain';
    form.target = 'sink';
    const field = document.createElement('input');
    field.type = 'hidden';
    field.name = spec('hostile-form-' + tag) + '#';
    field.value = '';
    form.appendChild(field);
    document.body.appendChild(form);
    const sink = document.getElementById('sink');
    const done = () => resolve('sent: form posted');
    sink.addEventListener('load', done, { once: true });
    setTimeout(done, 3000);
    form.submit();
  }));
  // (c) cancel the running experiment.
  await attempt('cancel-fetch', async () => {
    const r = await fetch(target + '/api/experiments/' + encodeURIComponent(running) + '/cancel', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '' });
    return 'read: HTTP ' + r.status;
  });
  await attempt('cancel-no-cors', async () => {
    const r = await fetch(target + '/api/experiments/' + encodeURIComponent(running) + '/cancel', { method: 'POST', mode: 'no-cors', body: '' });
    return 'sent: opaque ' + r.type;
  });
  // (d) read every experiment, with and without cookies.
  await attempt('read', async () => {
    const r = await fetch(target + '/api/experiments');
    return 'read: HTTP ' + r.status + ' ' + (await r.text()).length + ' chars';
  });
  await attempt('read-credentials', async () => {
    const r = await fetch(target + '/api/experiments', { credentials: 'include' });
    return 'read: HTTP ' + r.status + ' ' + (await r.text()).length + ' chars';
  });
  // (e) listen to the live stream.
  await attempt('events', () => new Promise(resolve => {
    const source = new EventSource(target + '/api/events');
    source.addEventListener('hello', e => { source.close(); resolve('read: ' + e.data); });
    source.onerror = () => { source.close(); resolve('blocked: EventSource error'); };
  }));
  const done = document.createElement('p');
  done.id = 'done';
  done.textContent = 'done';
  document.body.appendChild(done);
})();
