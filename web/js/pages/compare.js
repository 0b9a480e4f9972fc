// 2 to 4 trials side by side: parameters, metrics, curves, confusion matrices and their differences.
import { api, trialByIdPath } from '../api.js';
import { el, num, pct, paramValue, experimentHash, rowHash } from '../dom.js';
import { curvesOption, trialCurves, confusionOption } from '../charts.js';
import { digitPad } from '../digitpad.js';

export async function comparePage(view, ids) {
  if (ids.length < 2 || ids.length > 4) {
    view.show(el('h1', { text: 'Compare trials' }), el('p', { class: 'errors', text: 'Pick 2 to 4 trials on an experiment page.' }));
    return;
  }
  const trials = await Promise.all(ids.map(id => api(trialByIdPath(id))));
  if (!view.live()) return;
  const label = t => `trial ${t.trial.number}` + (t.trial.attempt > 1 ? `/${t.trial.attempt}` : '');
  const keys = [...new Set(trials.flatMap(t => Object.keys(t.trial.params)))];
  const metricRows = [['objective', t => num(t.trial.objective)], ['val accuracy', t => pct(t.trial.valAccuracy)],
    ['val loss', t => num(t.trial.valLoss)], ['test accuracy', t => pct(t.trial.testAccuracy)], ['epochs', t => String(t.trial.epochsDone)],
    ['seconds', t => num(t.trial.seconds, 1)], ['misclassified', t => String(t.misclassifiedTotal)]];
  const row = (name, values, testid) => {
    const differs = new Set(values).size > 1;
    return el('tr', { class: differs ? 'diff' : null, 'data-testid': testid, 'data-param': name, 'data-differs': differs ? 'true' : 'false' },
      el('th', { text: name }), values.map(v => el('td', { class: 'num v', text: v })));
  };
  const table = el('table', { id: 'compare-params', 'data-testid': 'compare-params' },
    el('thead', {}, el('tr', {}, el('th', { text: '' }), trials.map(t => el('th', { class: 'num' },
      el('a', { href: rowHash(t.experiment, t.trial), text: label(t) }))))),
    el('tbody', {}, keys.map(k => row(k, trials.map(t => paramValue(t.trial.params[k], k)), 'param-row')),
      metricRows.map(([n, f]) => row(n, trials.map(f), 'metric-row'))));
  const curvesBox = el('div', { class: 'chart tall', id: 'chart-compare-curves', 'data-testid': 'chart-compare-curves' });
  const matrices = el('div', { class: trials.length === 2 ? 'grid2' : 'grid3', id: 'compare-matrices' });
  const diffs = el('div', { id: 'compare-diffs' });
  view.show(el('h1', { text: 'Compare trials' }),
    el('p', { class: 'muted' }, 'of ', el('a', { href: experimentHash(trials[0].experiment), text: trials[0].experiment }),
      '. Highlighted rows differ between the trials.'),
    el('div', { class: 'card' }, table),
    el('div', { class: 'card' }, el('h2', { text: 'Learning curves' }), curvesBox),
    el('div', { class: 'card', id: 'draw-card' }, el('h2', { text: 'Draw a digit' }),
      digitPad(trials.filter(t => t.hasModel).map(t => ({ label: label(t), path: trialByIdPath(t.trial.id) + '/predict' })),
        'Each compared trial\'s top 3 for the same drawing (trials without a stored model are left out).')),
    el('div', { class: 'card' }, el('h2', { text: 'Confusion matrices' }), matrices),
    el('div', { class: 'card' }, el('h2', { text: `Difference against ${label(trials[0])}` }),
      el('p', { class: 'filter-note', text: 'Off-diagonal cells: green = fewer of that confusion (fixed), red = more (introduced). Diagonal: change in correct predictions.' }),
      diffs));
  view.chart(curvesBox, curvesOption(trials.flatMap(t => trialCurves(t, label(t)))));
  trials.forEach((t, i) => {
    const box = el('div', { class: 'chart', id: 'chart-confusion-' + i, 'data-testid': 'compare-confusion' });
    matrices.append(box);
    if (t.confusion.length) view.chart(box, confusionOption(t.confusion, { title: label(t) }));
  });
  const base = trials[0];
  trials.slice(1).forEach((t, i) => {
    if (!base.confusion.length || !t.confusion.length) return;
    const n = base.confusion.length;
    const d = base.confusion.map((r, a) => r.map((v, b) => (t.confusion[a] ? t.confusion[a][b] : 0) - v));
    const fixed = [], introduced = [];
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && d[a][b] !== 0) (d[a][b] < 0 ? fixed : introduced).push([a, b, d[a][b]]);
    fixed.sort((x, y) => x[2] - y[2]);
    introduced.sort((x, y) => y[2] - x[2]);
    const box = el('div', { class: 'chart tall', id: 'chart-confusion-diff-' + i, 'data-testid': 'compare-confusion-diff' });
    const list = (title, items, cls, testid) => el('div', {}, el('h2', { text: title }),
      el('ul', { 'data-testid': testid }, items.slice(0, 10).map(([a, b, v]) => el('li', { class: cls, text: `${a} read as ${b}: ${v > 0 ? '+' : ''}${v}` }))),
      items.length ? null : el('p', { class: 'muted', text: 'None.' }));
    diffs.append(el('div', { class: 'grid2' }, box,
      el('div', {}, el('p', { text: `${label(t)} − ${label(base)}` }),
        list('Confusions fixed', fixed, 'good', 'fixed-list'), list('Confusions introduced', introduced, 'bad', 'introduced-list'))));
    view.chart(box, confusionOption(d, { signed: true, title: `${label(t)} − ${label(base)}` }));
  });
}
