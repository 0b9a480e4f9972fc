// One trial (the latest attempt of its number, or a given attempt): parameters, results, curves, confusion
// matrix, misclassified test digits filterable by cell, a few right ones.
import { api, enc, trialByIdPath, trialByNumberPath } from '../api.js';
import { el, num, pct, when, paramValue, status, experimentHash, trialHash } from '../dom.js';
import { curvesOption, trialCurves, confusionOption } from '../charts.js';
import { digitPad } from '../digitpad.js';

/** The old address #/trial/ID: the same trial by experiment and number. */
export async function trialIdRedirect(view, id) {
  const t = await api(trialByIdPath(id) + '?limit=1');
  if (!view.live()) return;
  const latest = Math.max(t.trial.attempt, ...t.attempts.map(a => a.attempt));
  location.replace(trialHash(t.experiment, t.trial.number, t.trial.attempt === latest ? null : t.trial.attempt));
}

function digit(index, caption, cls, experiment) {
  return el('figure', { class: 'digit', 'data-testid': 'digit', 'data-index': index },
    el('img', { src: `/api/samples/test/${index}.png?experiment=${enc(experiment)}`, alt: 'test image ' + index, loading: 'lazy', width: 112, height: 112 }),
    el('figcaption', {}, caption.map(([text, c]) => el('div', { class: c || cls, text }))));
}

export async function trialPage(view, name, number, attempt) {
  const state = { trueLabel: '', predicted: '' };
  let source = trialByNumberPath(name, number);
  let t = await api(source + '?limit=60');
  if (attempt) {
    const a = t.attempts.find(x => x.attempt === attempt);
    if (!a) throw new Error(`trial ${number} of ${name} has no attempt ${attempt}`);
    // Pinned to that attempt, even when a later one starts while the page is open.
    source = trialByIdPath(a.id);
    if (a.id !== t.trial.id) t = await api(source + '?limit=60');
  }
  if (!view.live()) return;
  const curvesBox = el('div', { class: 'chart', id: 'chart-curves', 'data-testid': 'chart-curves' });
  const confusionBox = el('div', { class: 'chart tall', id: 'chart-confusion', 'data-testid': 'chart-confusion' });
  const gallery = el('div', { class: 'gallery', id: 'gallery-misclassified', 'data-testid': 'gallery-misclassified' });
  const correct = el('div', { class: 'gallery', id: 'gallery-correct', 'data-testid': 'gallery-correct' });
  const galleryNote = el('p', { class: 'filter-note', id: 'gallery-note' });
  const classes = t.confusion.length || 10;
  const select = (id, label, key) => el('select', { id, 'data-testid': id, onchange: ev => { state[key] = ev.target.value; loadGallery(); } },
    el('option', { value: '', text: 'any' }), [...Array(classes).keys()].map(c => el('option', { value: c, text: c })));
  const trueSelect = select('filter-true', 'True class ', 'trueLabel');
  const predictedSelect = select('filter-predicted', 'Predicted ', 'predicted');
  const head = el('div');
  const info = el('div', { class: 'grid2' });
  view.show(head, info,
    el('div', { class: 'grid2' },
      el('div', { class: 'card' }, el('h2', { text: 'Learning curves' }), curvesBox),
      el('div', { class: 'card' }, el('h2', { text: 'Confusion matrix (test set)' }),
        el('p', { class: 'filter-note', text: 'Click a cell to see those misclassified digits.' }), confusionBox)),
    el('div', { class: 'card' }, el('h2', { text: 'Misclassified test digits' }),
      el('div', { class: 'toolbar' }, el('label', {}, 'True class ', trueSelect), el('label', {}, 'Predicted ', predictedSelect),
        el('button', { id: 'filter-clear', onclick: () => setFilter('', '') }, 'Clear filter')),
      galleryNote, gallery),
    el('div', { class: 'card' }, el('h2', { text: 'A few correct predictions' }), correct),
    // Pinned to this attempt's id: its model, even after a later attempt of the number.
    t.hasModel ? el('div', { class: 'card', id: 'draw-card' }, el('h2', { text: 'Draw a digit' }),
      digitPad([{ label: `trial ${t.trial.number}` + (t.trial.attempt > 1 ? ` (attempt ${t.trial.attempt})` : ''),
        path: trialByIdPath(t.trial.id) + '/predict' }], 'Draw with the mouse, a pen or a finger; this trial\'s top 3 update as you draw.')) : null);

  function setFilter(tl, pl) {
    state.trueLabel = String(tl);
    state.predicted = String(pl);
    trueSelect.value = state.trueLabel;
    predictedSelect.value = state.predicted;
    loadGallery();
  }

  function renderInfo() {
    const r = t.trial;
    head.replaceChildren(el('div', { class: 'toolbar' },
      el('h1', { id: 'trial-title', 'data-testid': 'trial-title' }, `Trial ${r.number}`, r.attempt > 1 ? ` (attempt ${r.attempt})` : ''),
      status(r.status), el('span', { class: 'muted' }, 'of ', el('a', { href: experimentHash(t.experiment), id: 'trial-experiment', text: t.experiment }))));
    const kv = (pairs, id) => el('dl', { class: 'kv', id }, pairs.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    info.replaceChildren(
      el('div', { class: 'card' }, el('h2', { text: 'Parameters' }),
        kv([...Object.entries(r.params).map(([k, v]) => [k, paramValue(v, k)]), ['seed', String(r.seed)]], 'trial-params')),
      el('div', { class: 'card' }, el('h2', { text: 'Results' }), kv([
        ['objective (' + t.objectiveMetric + ')', num(r.objective)], ['val accuracy', pct(r.valAccuracy)], ['val loss', num(r.valLoss)],
        ['test accuracy', pct(r.testAccuracy)], ['test loss', num(r.testLoss)], ['epochs', String(r.epochsDone)],
        ['seconds', num(r.seconds, 1)], ['samples/s', num(r.samplesPerSecond, 0)], ['misclassified', `${t.misclassifiedTotal} of ${t.testSize}`],
        ['note', r.error || r.stopReason || '—']], 'trial-results'),
        el('h2', { text: 'Provenance' }),
        Object.keys(t.provenance).length
          ? kv(Object.entries(t.provenance).map(([k, v]) => [k.replaceAll('_', ' '),
              v !== null && typeof v === 'object' ? Object.entries(v).map(([a, b]) => a + '=' + b).join(' ') : String(v)]), 'trial-provenance')
          : el('p', { class: 'muted', text: 'Not recorded (stored before provenance was).' }),
        el('h2', { text: 'Attempts' }),
        el('table', { id: 'attempts', 'data-testid': 'attempts' },
          el('thead', {}, el('tr', {}, ['Attempt', 'Status', 'Started', 'Seconds', 'Error / reason'].map(h => el('th', { text: h })))),
          el('tbody', {}, t.attempts.map(a => el('tr', {},
            el('td', {}, el('a', { href: trialHash(t.experiment, a.number, a.attempt), text: a.attempt })), el('td', {}, status(a.status)),
            el('td', { text: when(a.startedAt) }), el('td', { class: 'num', text: num(a.seconds, 1) }),
            el('td', { class: 'wrap', text: a.error || a.stopReason || '' })))))));
  }

  function renderGallery(data) {
    const f = [state.trueLabel !== '' ? 'true ' + state.trueLabel : '', state.predicted !== '' ? 'predicted ' + state.predicted : ''].filter(Boolean).join(', ');
    galleryNote.textContent = `${data.misclassified.length} shown${f ? ' (' + f + ')' : ''} of ${data.misclassifiedTotal} misclassified, most confident first.`;
    gallery.replaceChildren(...data.misclassified.map(m => digit(m.sampleIndex,
      [[`true ${m.trueLabel} → pred ${m.predicted}`, 'bad'], [`confidence ${(100 * m.confidence).toFixed(1)}%`, 'muted'], [`#${m.sampleIndex}`, 'muted']], 'bad', t.experiment)));
    if (!data.misclassified.length) gallery.append(el('p', { class: 'muted', text: 'None.' }));
  }

  async function loadGallery() {
    const q = new URLSearchParams({ limit: 60 });
    if (state.trueLabel !== '') q.set('true', state.trueLabel);
    if (state.predicted !== '') q.set('predicted', state.predicted);
    const data = await api(source + '?' + q);
    if (!view.live()) return;
    renderGallery(data);
  }

  let curvesChart = null, confusionChart = null;
  function draw() {
    renderInfo();
    const co = curvesOption(trialCurves(t));
    if (curvesChart) curvesChart.setOption(co, true); else curvesChart = view.chart(curvesBox, co);
    if (t.confusion.length) {
      const cm = confusionOption(t.confusion);
      if (confusionChart) confusionChart.setOption(cm, true);
      else {
        confusionChart = view.chart(confusionBox, cm);
        if (confusionChart) confusionChart.on('click', p => setFilter(p.value[1], p.value[0]));
      }
    } else confusionBox.replaceChildren(el('p', { class: 'muted', text: 'No test report (the trial did not finish).' }));
    correct.replaceChildren(...t.correct.map(c => digit(c.sampleIndex, [[c.label === null ? 'right' : `${c.label} ✓`, 'good'], [`#${c.sampleIndex}`, 'muted']], 'good', t.experiment)));
    if (!t.correct.length) correct.append(el('p', { class: 'muted', text: 'None.' }));
  }
  draw();
  renderGallery(t);
  view.onChange(async () => {
    t = await api(source + '?limit=60');
    if (!view.live()) return;
    draw();
    if (state.trueLabel !== '' || state.predicted !== '') await loadGallery(); else renderGallery(t);
  });
}
