// One experiment: stats, optimisation history, importance, parallel coordinates, the leaderboard, the spec.
import { api, enc, experimentPath } from '../api.js';
import { el, esc, num, pct, dur, paramValue, PARAM_OPTIONS, status, experimentHash, trialHash, rowHash } from '../dom.js';
import { digitPad } from '../digitpad.js';

const STATUSES = ['completed', 'pruned', 'failed', 'stopped', 'running', 'queued'];

export async function experimentPage(view, name) {
  const state = { sort: 'objective', order: '', statuses: new Set(), offset: 0, limit: 25, selected: new Set() };
  const base = experimentPath(name);
  const head = el('div');
  const stats = el('div', { class: 'stats', id: 'experiment-stats' });
  const historyBox = el('div', { class: 'chart', id: 'chart-history', 'data-testid': 'chart-history' });
  const parallelBox = el('div', { class: 'chart', id: 'chart-parallel', 'data-testid': 'chart-parallel' });
  const importanceBox = el('div', { class: 'chart', id: 'chart-importance', 'data-testid': 'chart-importance' });
  const importanceNote = el('p', { class: 'filter-note', id: 'importance-method' });
  const space = el('dl', { class: 'kv', id: 'space' });
  const tableBox = el('div', { id: 'leaderboard-box' });
  const pager = el('div', { class: 'pager', id: 'pager' });
  const compareButton = el('button', { id: 'compare-button', 'data-testid': 'compare-button', class: 'primary', disabled: true,
    onclick: () => { location.hash = '#/compare/' + [...state.selected].join(','); } }, 'Compare selected');
  const exportCsv = el('a', { id: 'export-csv', class: 'button', text: 'CSV' });
  const exportJson = el('a', { id: 'export-json', class: 'button', text: 'JSON' });
  const specBox = el('pre', { class: 'spec', id: 'spec-text' });
  const retrainBox = el('span', { id: 'retrain-box' });
  let retrainPolling = false;
  const filters = el('span', {}, 'Status: ', STATUSES.map(s => el('label', {},
    el('input', { type: 'checkbox', 'data-testid': 'filter-' + s, onchange: ev => {
      ev.target.checked ? state.statuses.add(s) : state.statuses.delete(s);
      state.offset = 0;
      loadTable();
    } }), s)));

  view.show(head, stats,
    el('div', { class: 'grid3' },
      el('div', { class: 'card' }, el('h2', { text: 'Optimisation history' }), historyBox),
      el('div', { class: 'card' }, el('h2', { text: 'Hyperparameter importance' }), importanceBox, importanceNote),
      el('div', { class: 'card' }, el('h2', { text: 'Search space' }), space)),
    el('div', { class: 'card' }, el('h2', { text: 'Parallel coordinates (completed trials)' }), parallelBox),
    el('div', { class: 'card' }, el('h2', { text: 'Leaderboard' }),
      el('div', { class: 'toolbar' }, filters, compareButton, el('span', { class: 'filter-note', text: 'tick 2–4 trials to compare' }),
        el('span', { style: 'flex:1' }), 'Export: ', exportCsv, exportJson),
      tableBox, pager),
    el('div', { class: 'card', id: 'draw-card' }, el('h2', { text: 'Draw a digit' }),
      digitPad([{ label: 'chosen model', path: '/api/models/' + enc(name) + '/predict' }],
        'Draw with the mouse, a pen or a finger; the top 3 of the chosen trial\'s model (the one export hands out) update as you draw.')),
    el('div', { class: 'card' }, el('h2', { text: 'Spec' }), specBox));

  let historyChart = null, parallelChart = null, importanceChart = null;
  let params = [];

  async function loadDetail() {
    const d = await api(base);
    if (!view.live()) return;
    const x = d.experiment;
    head.replaceChildren(
      el('div', { class: 'toolbar' },
        el('h1', { id: 'experiment-name', 'data-testid': 'experiment-name', text: x.name }), status(x.status),
        el('span', { style: 'flex:1' }),
        el('a', { class: 'button', 'data-testid': 'link-pareto', href: experimentHash(name) + '/pareto', text: 'Trade-offs' }),
        el('a', { class: 'button', 'data-testid': 'link-hardest', href: experimentHash(name) + '/hardest', text: 'Hardest images' }),
        x.completed > 0 ? el('a', { id: 'download-best', 'data-testid': 'download-best', class: 'button primary',
          href: base + '/best-model', download: '', text: 'Download best model' }) : null,
        retrainBox,
        x.runningHere ? el('button', { id: 'cancel-run', 'data-testid': 'cancel-run', onclick: cancel, text: 'Stop run' }) : null),
      x.error ? el('div', { class: 'errors', text: x.error }) : '');
    const stat = (label, value, id) => el('div', { class: 'stat' }, el('div', { class: 'label', text: label }),
      el('div', { class: 'value', id, text: value }));
    stats.replaceChildren(
      stat('Progress', `${x.finished} / ${x.budget}` + (x.running ? ` (${x.running} running)` : ''), 'stat-progress'),
      stat(`Best ${x.objectiveMetric} (${x.objectiveDirection})`, num(x.bestObjective), 'stat-best'),
      stat('Best val accuracy', pct(x.bestValAccuracy), 'stat-best-val'),
      stat('Test accuracy of chosen trial', pct(x.testAccuracyOfBest), 'stat-test'),
      stat('Completed / pruned / failed', `${x.completed} / ${x.pruned} / ${x.failed}`, 'stat-counts'),
      stat('Elapsed', dur(x.elapsedSeconds), 'stat-elapsed'),
      stat('Remaining', x.remainingSeconds === null ? '—' : '~' + dur(x.remainingSeconds), 'stat-remaining'));
    specBox.textContent = d.spec;
    space.replaceChildren(...Object.entries(d.space).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    params = Object.keys(d.space);
    drawHistory(d.history, x);
    drawParallel(d.parallel, x);
    drawImportance(d.importance);
  }

  function drawHistory(history, x) {
    const done = history.filter(h => h.objective !== null);
    const option = {
      grid: { left: 50, right: 16, top: 30, bottom: 36 },
      tooltip: { trigger: 'item', formatter: p => `trial ${esc(p.value[0])}<br>${esc(p.seriesName)}: ${esc(Number(p.value[1]).toFixed(4))}` },
      legend: { top: 0 },
      xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 22, minInterval: 1 },
      yAxis: { type: 'value', scale: true, name: x.objectiveMetric },
      series: [
        { name: 'objective', type: 'scatter', symbolSize: 8, data: done.map(h => [h.number, h.objective]) },
        { name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: done.map(h => [h.number, h.bestSoFar]) },
      ],
    };
    if (historyChart) historyChart.setOption(option, true);
    else {
      historyChart = view.chart(historyBox, option);
      // A point with an objective is a completed or pruned trial: the latest attempt of its number.
      if (historyChart) historyChart.on('click', p => { if (Number.isInteger(p.value[0])) location.hash = trialHash(name, p.value[0]); });
    }
  }

  function drawParallel(par, x) {
    const dims = par.dimensions;
    const logScale = d => d === 'learning_rate' || d === 'weight_decay';
    // Categorical params (activation, schedule) get a category axis with their options' names.
    const axis = (d, i) => PARAM_OPTIONS[d]
      ? { dim: i, name: d, type: 'category', data: PARAM_OPTIONS[d], nameTextStyle: { fontSize: 11 } }
      : { dim: i, name: d, type: logScale(d) ? 'log' : 'value', scale: true, nameTextStyle: { fontSize: 11 } };
    const rows = par.rows.map(r => r.map((v, i) => PARAM_OPTIONS[dims[i]] && v !== null ? paramValue(v, dims[i]) : v));
    const option = {
      parallelAxis: dims.map(axis),
      parallel: { left: 50, right: 90, top: 40, bottom: 24 },
      visualMap: { show: true, dimension: dims.length - 1, calculable: true, right: 4, top: 40, itemHeight: 120,
        min: Math.min(...par.rows.map(r => r[r.length - 1]), 0.9999), max: Math.max(...par.rows.map(r => r[r.length - 1]), 0.0001),
        inRange: { color: x.objectiveDirection === 'maximize' ? ['#d94e5d', '#eac736', '#50a3ba'] : ['#50a3ba', '#eac736', '#d94e5d'] } },
      series: [{ type: 'parallel', lineStyle: { width: 2, opacity: 0.7 }, data: rows }],
    };
    if (parallelChart) parallelChart.setOption(option, true);
    else parallelChart = view.chart(parallelBox, option);
  }

  function drawImportance(imp) {
    importanceNote.textContent = `Method: ${imp.method}. Based on ${imp.trials} completed trials.`;
    const entries = imp.params.filter(e => e.score !== null).reverse();
    const option = {
      grid: { left: 110, right: 20, top: 10, bottom: 30 },
      tooltip: { trigger: 'item', formatter: p => {
        const e = entries[p.dataIndex];
        const how = `${e.measure === 'eta' ? 'η' : '|ρ|'} over ${e.trials} trials`;
        const chance = e.chance === null ? '' : `; chance level ${Number(e.chance).toFixed(2)}`
          + (p.value <= e.chance ? ': this score says nothing yet' : '');
        return `${esc(e.param)}: ${esc(Number(p.value).toFixed(3))} (${esc(how + chance)})`;
      } },
      xAxis: { type: 'value', min: 0, max: 1 },
      yAxis: { type: 'category', data: entries.map(e => e.param) },
      series: [
        // A bar at or below chance is grey: that many trials with no link would score as high 1 time in 20.
        { type: 'bar', data: entries.map(e => ({ value: e.score,
          itemStyle: { color: e.chance !== null && e.score <= e.chance ? '#b8c0cc' : '#2f6fde' } })),
          label: { show: true, position: 'right', formatter: p => Number(p.value).toFixed(2) } },
        { type: 'scatter', name: 'chance', symbol: 'rect', symbolSize: [2, 16], itemStyle: { color: '#555' }, z: 3,
          data: entries.map((e, i) => e.chance === null ? null : [e.chance, i]), tooltip: { show: false } },
      ],
    };
    if (importanceChart) importanceChart.setOption(option, true);
    else importanceChart = view.chart(importanceBox, option);
  }

  async function loadTable() {
    const q = new URLSearchParams({ sort: state.sort, offset: state.offset, limit: state.limit });
    if (state.order) q.set('order', state.order);
    if (state.statuses.size) q.set('status', [...state.statuses].join(','));
    const exportQuery = new URLSearchParams(q);
    exportQuery.delete('offset');
    exportQuery.delete('limit');
    exportCsv.href = base + '/trials.csv?' + exportQuery;
    exportJson.href = base + '/trials.json?' + exportQuery;
    const p = await api(base + '/trials?' + q);
    if (!view.live()) return;
    state.order = p.order;
    const cols = [
      ['', null], ['#', 'number'], ['Status', 'status'], ['Objective', 'objective'], ['Val acc', 'val_accuracy'],
      ['Val loss', 'val_loss'], ['Test acc', 'test_accuracy'], ['Epochs', 'epochs_done'], ['Seconds', 'seconds'],
      ...params.map(k => [k, null]), ['Note', null]];
    const header = el('tr', {}, cols.map(([label, key]) => el('th', {
      class: [key ? 'sortable' : '', key === state.sort ? 'sorted-' + state.order : '',
        ['objective', 'val_accuracy', 'val_loss', 'test_accuracy', 'epochs_done', 'seconds'].includes(key) ? 'num' : ''].join(' '),
      'data-sort': key, 'data-testid': key ? 'sort-' + key : null,
      onclick: key ? () => {
        if (state.sort === key) state.order = state.order === 'desc' ? 'asc' : 'desc';
        else { state.sort = key; state.order = ''; }
        state.offset = 0;
        loadTable();
      } : null,
    }, label)));
    const rows = p.rows.map(t => el('tr', { 'data-testid': 'trial-row', 'data-trial-id': t.id, 'data-number': t.number,
      'data-feasible': t.feasible === null ? null : String(t.feasible), class: t.feasible === false ? 'muted' : null },
      el('td', {}, el('input', { type: 'checkbox', 'data-testid': 'select-trial', checked: state.selected.has(String(t.id)),
        onchange: ev => {
          ev.target.checked ? state.selected.add(String(t.id)) : state.selected.delete(String(t.id));
          updateCompare();
        } })),
      el('td', {}, el('a', { href: rowHash(name, t), 'data-testid': 'trial-link', text: t.attempt > 1 ? `${t.number} (attempt ${t.attempt})` : t.number })),
      el('td', {}, status(t.status)),
      el('td', { class: 'num', text: num(t.objective) }),
      el('td', { class: 'num', text: pct(t.valAccuracy) }),
      el('td', { class: 'num', text: num(t.valLoss) }),
      el('td', { class: 'num', text: pct(t.testAccuracy) }),
      el('td', { class: 'num', text: t.epochsDone }),
      el('td', { class: 'num', text: num(t.seconds, 1) }),
      params.map(k => el('td', { class: 'num', text: paramValue(t.params[k], k) })),
      el('td', { class: 'wrap muted', text: [t.feasible === false && t.status === 'completed' ? 'breaks the limits' : '',
        t.error || t.stopReason || ''].filter(Boolean).join('; ') })));
    if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: cols.length, class: 'muted', text: 'No trials match.' })));
    tableBox.replaceChildren(el('table', { id: 'leaderboard', 'data-testid': 'leaderboard' }, el('thead', {}, header), el('tbody', {}, rows)));
    const last = Math.min(p.offset + p.limit, p.total);
    pager.replaceChildren(
      el('button', { id: 'page-prev', disabled: p.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - state.limit); loadTable(); } }, '‹ Prev'),
      el('span', { id: 'page-info', 'data-testid': 'page-info', text: p.total ? `${p.offset + 1}–${last} of ${p.total}` : '0 trials' }),
      el('button', { id: 'page-next', disabled: last >= p.total, onclick: () => { state.offset += state.limit; loadTable(); } }, 'Next ›'));
  }

  // The chosen trial retrained on train+validation: a button, then "running", then a download.
  async function loadRetrain() {
    const r = await api(base + '/retrained');
    if (!view.live()) return;
    if (r.state === 'done') {
      retrainBox.replaceChildren(
        el('a', { id: 'download-retrained', 'data-testid': 'download-retrained', class: 'button', href: base + '/retrained-model',
          download: '', text: 'Download retrained model' }),
        el('span', { class: 'filter-note', id: 'retrained-note',
          text: ` trial ${r.trial}, ${r.epochs} epoch${r.epochs === 1 ? "" : "s"} on ${r.trainSize} train+validation images: test ${pct(r.testAccuracy)}` }));
    } else if (r.state === 'running') {
      retrainBox.replaceChildren(el('span', { id: 'retrain-running', class: 'muted', text: `Retraining trial ${r.trial} on train+validation…` }));
      if (!retrainPolling) {
        retrainPolling = true;
        setTimeout(() => { retrainPolling = false; if (view.live()) loadRetrain().catch(() => {}); }, 2000);
      }
    } else if (r.trial === null) {
      retrainBox.replaceChildren();
    } else {
      retrainBox.replaceChildren(
        el('button', { id: 'retrain-button', 'data-testid': 'retrain-button', onclick: startRetrain,
          title: `Train trial ${r.trial}'s configuration again on training + validation for its best epoch count; test accuracy reported once`,
          text: 'Retrain on train+validation' }),
        // Not a null child: replaceChildren would write it out as the text "null".
        ...(r.state === 'failed' ? [el('span', { class: 'errors', id: 'retrain-error', text: r.error })] : []));
    }
  }

  async function startRetrain() {
    try {
      await api(base + '/retrain', { method: 'POST' });
    } catch (e) {
      alert(e.message);
    }
    loadRetrain();
  }

  function updateCompare() {
    compareButton.disabled = !(state.selected.size >= 2 && state.selected.size <= 4);
  }

  async function cancel() {
    try {
      await api(base + '/cancel', { method: 'POST' });
    } catch (e) {
      alert(e.message);
    }
    refresh();
  }

  const refresh = async () => { await loadDetail(); await loadTable(); await loadRetrain(); };
  view.onChange(refresh);
  await refresh();
}
