// Tuneboard dashboard: a hash-routed single page over the JSON API (/api/openapi.json).
// Every name and value from the API reaches the page through textContent (see el()), never innerHTML.
'use strict';

(() => {
  const app = document.getElementById('app');
  const STATUSES = ['completed', 'pruned', 'failed', 'stopped', 'running', 'queued'];
  let charts = [];
  let refreshPage = null; // what a live "change" event re-runs for the page on screen
  let generation = 0;     // bumps on navigation so late responses of an old page are dropped

  // ------------------------------------------------------------------ helpers

  /** Builds an element; strings and numbers become text nodes, so data can never become markup. */
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'style') e.setAttribute('style', v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat()) {
      if (kid === null || kid === undefined || kid === false) continue;
      e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return e;
  }

  /** For ECharts tooltip formatters, which do render HTML. */
  function esc(s) {
    return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  const num = (v, d = 4) => (v === null || v === undefined || Number.isNaN(v)) ? '—' : Number(v).toFixed(d);
  const pct = v => (v === null || v === undefined) ? '—' : (100 * v).toFixed(2) + '%';
  function paramValue(v) {
    if (v === null || v === undefined) return '—';
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 0.01 || a >= 1e5) ? v.toExponential(3) : v.toFixed(4);
  }
  function dur(s) {
    if (s === null || s === undefined) return '—';
    s = Math.round(s);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return h ? `${h}h ${m}m` : m ? `${m}m ${sec}s` : `${sec}s`;
  }
  const when = t => t ? new Date(t).toLocaleString() : '—';
  const status = s => el('span', { class: 'status ' + s, 'data-testid': 'status', text: s });
  const enc = encodeURIComponent;

  // Changes carry X-Tuneboard: a cross-site page cannot send it without a CORS preflight, which the
  // server never grants. A 401 means the server has a token and this browser has not signed in.
  async function api(path, options) {
    const o = options || {};
    const method = (o.method || 'GET').toUpperCase();
    const headers = method === 'GET' || method === 'HEAD' ? o.headers : { ...(o.headers || {}), 'X-Tuneboard': '1' };
    const r = await fetch(path, { ...o, headers });
    if (r.status === 401) location.assign('/signin.html');
    const type = r.headers.get('content-type') || '';
    const body = type.includes('json') ? await r.json() : await r.text();
    if (!r.ok) {
      const err = new Error((body && body.error) || ('HTTP ' + r.status));
      err.status = r.status;
      err.body = body;
      throw err;
    }
    return body;
  }

  function chart(container, option) {
    if (!window.echarts) return null;
    const c = echarts.init(container);
    c.setOption(option);
    charts.push(c);
    return c;
  }

  function disposeCharts() {
    charts.forEach(c => c.dispose());
    charts = [];
  }
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));

  function page(...kids) {
    app.replaceChildren(...kids);
  }

  function failure(e) {
    return el('div', { class: 'errors', 'data-testid': 'page-error', text: e.message || String(e) });
  }

  // ------------------------------------------------------------------ router

  async function route() {
    generation++;
    disposeCharts();
    refreshPage = null;
    const hash = location.hash.replace(/^#/, '') || '/';
    const parts = hash.split('/').filter(Boolean).map(decodeURIComponent);
    try {
      if (parts.length === 0) await experimentsPage();
      else if (parts[0] === 'experiment' && parts[1] !== undefined) await experimentPage(parts[1]);
      else if (parts[0] === 'trial' && /^\d+$/.test(parts[1] || '')) await trialPage(parts[1]);
      else if (parts[0] === 'compare') await comparePage((parts[1] || '').split(',').filter(s => /^\d+$/.test(s)));
      else if (parts[0] === 'submit') submitPage();
      else page(el('h1', { text: 'Not found' }), el('p', {}, el('a', { href: '#/', text: 'Back to experiments' })));
    } catch (e) {
      page(failure(e));
    }
  }
  window.addEventListener('hashchange', route);

  // Live updates: the server polls the store and says when anything changed (also runs started from the CLI).
  function listen() {
    const live = document.getElementById('live');
    const source = new EventSource('/api/events');
    let timer = null;
    source.addEventListener('hello', () => { live.textContent = '● live'; live.classList.add('on'); });
    source.addEventListener('change', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { if (refreshPage) refreshPage().catch(() => {}); }, 250);
    });
    source.onerror = () => { live.textContent = '○ reconnecting'; live.classList.remove('on'); };
  }

  // ------------------------------------------------------------------ experiments list

  async function experimentsPage() {
    const body = el('tbody');
    const table = el('table', { id: 'experiments-table', 'data-testid': 'experiments-table' },
      el('thead', {}, el('tr', {},
        ['Experiment', 'Status', 'Progress', 'Best objective', 'Best val acc', 'Test acc (chosen)', 'Created', 'Elapsed', 'Remaining']
          .map((h, i) => el('th', { class: i >= 3 && i <= 5 ? 'num' : null, text: h })))),
      body);
    page(el('h1', { text: 'Experiments' }),
      el('p', { class: 'muted' }, 'Every experiment in this store. Test accuracy is that of the trial the validation objective chose. ',
        el('a', { href: '#/submit', text: 'Submit a new one.' })),
      el('div', { class: 'card' }, table));
    const g = generation;
    refreshPage = async () => {
      const list = await api('/api/experiments');
      if (g !== generation) return;
      body.replaceChildren(...list.map(x => el('tr', { 'data-testid': 'experiment-row', 'data-name': x.name },
        el('td', {}, el('a', { href: '#/experiment/' + enc(x.name), class: 'experiment-link', 'data-testid': 'experiment-link', text: x.name })),
        el('td', {}, status(x.status)),
        el('td', {}, el('div', { class: 'progress', title: `${x.finished}/${x.budget}` }, el('div', { style: `width:${Math.round(100 * x.progress)}%` })),
          ` ${x.finished}/${x.budget}`, x.running ? ` (${x.running} running)` : ''),
        el('td', { class: 'num', text: num(x.bestObjective) }),
        el('td', { class: 'num', text: pct(x.bestValAccuracy) }),
        el('td', { class: 'num', text: pct(x.testAccuracyOfBest) }),
        el('td', { text: when(x.createdAt) }),
        el('td', { text: dur(x.elapsedSeconds) }),
        el('td', { text: x.remainingSeconds === null ? '—' : '~' + dur(x.remainingSeconds) }))));
      if (!list.length) body.append(el('tr', {}, el('td', { colspan: 9, class: 'muted', text: 'No experiments yet.' })));
    };
    await refreshPage();
  }

  // ------------------------------------------------------------------ experiment page

  async function experimentPage(name) {
    const state = { sort: 'objective', order: '', statuses: new Set(), offset: 0, limit: 25, selected: new Set() };
    const base = '/api/experiments/' + enc(name);
    const head = el('div');
    const stats = el('div', { class: 'stats', id: 'experiment-stats' });
    const historyBox = el('div', { class: 'chart', id: 'chart-history', 'data-testid': 'chart-history' });
    const parallelBox = el('div', { class: 'chart', id: 'chart-parallel', 'data-testid': 'chart-parallel' });
    const importanceBox = el('div', { class: 'chart', id: 'chart-importance', 'data-testid': 'chart-importance' });
    const importanceNote = el('p', { class: 'filter-note', id: 'importance-method' });
    const tableBox = el('div', { id: 'leaderboard-box' });
    const pager = el('div', { class: 'pager', id: 'pager' });
    const compareButton = el('button', { id: 'compare-button', 'data-testid': 'compare-button', class: 'primary', disabled: true,
      onclick: () => { location.hash = '#/compare/' + [...state.selected].join(','); } }, 'Compare selected');
    const exportCsv = el('a', { id: 'export-csv', class: 'button', text: 'CSV' });
    const exportJson = el('a', { id: 'export-json', class: 'button', text: 'JSON' });
    const specBox = el('pre', { class: 'spec', id: 'spec-text' });
    const filters = el('span', {}, 'Status: ', STATUSES.map(s => el('label', {},
      el('input', { type: 'checkbox', 'data-testid': 'filter-' + s, onchange: ev => {
        ev.target.checked ? state.statuses.add(s) : state.statuses.delete(s);
        state.offset = 0;
        loadTable();
      } }), s)));

    page(head, stats,
      el('div', { class: 'grid3' },
        el('div', { class: 'card' }, el('h2', { text: 'Optimisation history' }), historyBox),
        el('div', { class: 'card' }, el('h2', { text: 'Hyperparameter importance' }), importanceBox, importanceNote),
        el('div', { class: 'card' }, el('h2', { text: 'Search space' }), el('dl', { class: 'kv', id: 'space' }))),
      el('div', { class: 'card' }, el('h2', { text: 'Parallel coordinates (completed trials)' }), parallelBox),
      el('div', { class: 'card' }, el('h2', { text: 'Leaderboard' }),
        el('div', { class: 'toolbar' }, filters, compareButton, el('span', { class: 'filter-note', text: 'tick 2–4 trials to compare' }),
          el('span', { style: 'flex:1' }), 'Export: ', exportCsv, exportJson),
        tableBox, pager),
      el('div', { class: 'card' }, el('h2', { text: 'Spec' }), specBox));

    const g = generation;
    let historyChart = null, parallelChart = null, importanceChart = null;
    let params = [];

    async function loadDetail() {
      const d = await api(base);
      if (g !== generation) return;
      const x = d.experiment;
      head.replaceChildren(
        el('div', { class: 'toolbar' },
          el('h1', { id: 'experiment-name', 'data-testid': 'experiment-name', text: x.name }), status(x.status),
          el('span', { style: 'flex:1' }),
          x.completed > 0 ? el('a', { id: 'download-best', 'data-testid': 'download-best', class: 'button primary',
            href: base + '/best-model', download: '', text: 'Download best model' }) : null,
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
      document.getElementById('space').replaceChildren(...Object.entries(d.space).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
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
        historyChart = chart(historyBox, option);
        historyChart && historyChart.on('click', p => { const h = done.find(d => d.number === p.value[0]); if (h) location.hash = '#/trial/' + h.trialId; });
      }
    }

    function drawParallel(par, x) {
      const dims = par.dimensions;
      const logScale = d => d === 'learning_rate';
      const option = {
        parallelAxis: dims.map((d, i) => ({ dim: i, name: d, type: logScale(d) ? 'log' : 'value', scale: true, nameTextStyle: { fontSize: 11 } })),
        parallel: { left: 50, right: 90, top: 40, bottom: 24 },
        visualMap: { show: true, dimension: dims.length - 1, calculable: true, right: 4, top: 40, itemHeight: 120,
          min: Math.min(...par.rows.map(r => r[r.length - 1]), 0.9999), max: Math.max(...par.rows.map(r => r[r.length - 1]), 0.0001),
          inRange: { color: x.objectiveDirection === 'maximize' ? ['#d94e5d', '#eac736', '#50a3ba'] : ['#50a3ba', '#eac736', '#d94e5d'] } },
        series: [{ type: 'parallel', lineStyle: { width: 2, opacity: 0.7 }, data: par.rows }],
      };
      if (parallelChart) parallelChart.setOption(option, true);
      else parallelChart = chart(parallelBox, option);
    }

    function drawImportance(imp) {
      importanceNote.textContent = `Method: ${imp.method}. Based on ${imp.trials} completed trials.`;
      const entries = imp.params.filter(e => e.score !== null).reverse();
      const option = {
        grid: { left: 110, right: 20, top: 10, bottom: 30 },
        tooltip: { trigger: 'item', formatter: p => `${esc(p.name)}: ${esc(Number(p.value).toFixed(3))}` },
        xAxis: { type: 'value', min: 0, max: 1 },
        yAxis: { type: 'category', data: entries.map(e => e.param) },
        series: [{ type: 'bar', data: entries.map(e => e.score), itemStyle: { color: '#2f6fde' },
          label: { show: true, position: 'right', formatter: p => Number(p.value).toFixed(2) } }],
      };
      if (importanceChart) importanceChart.setOption(option, true);
      else importanceChart = chart(importanceBox, option);
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
      if (g !== generation) return;
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
      const rows = p.rows.map(t => el('tr', { 'data-testid': 'trial-row', 'data-trial-id': t.id, 'data-number': t.number },
        el('td', {}, el('input', { type: 'checkbox', 'data-testid': 'select-trial', checked: state.selected.has(String(t.id)),
          onchange: ev => {
            ev.target.checked ? state.selected.add(String(t.id)) : state.selected.delete(String(t.id));
            updateCompare();
          } })),
        el('td', {}, el('a', { href: '#/trial/' + t.id, 'data-testid': 'trial-link', text: t.attempt > 1 ? `${t.number} (attempt ${t.attempt})` : t.number })),
        el('td', {}, status(t.status)),
        el('td', { class: 'num', text: num(t.objective) }),
        el('td', { class: 'num', text: pct(t.valAccuracy) }),
        el('td', { class: 'num', text: num(t.valLoss) }),
        el('td', { class: 'num', text: pct(t.testAccuracy) }),
        el('td', { class: 'num', text: t.epochsDone }),
        el('td', { class: 'num', text: num(t.seconds, 1) }),
        params.map(k => el('td', { class: 'num', text: paramValue(t.params[k]) })),
        el('td', { class: 'wrap muted', text: t.error || t.stopReason || '' })));
      if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: cols.length, class: 'muted', text: 'No trials match.' })));
      tableBox.replaceChildren(el('table', { id: 'leaderboard', 'data-testid': 'leaderboard' }, el('thead', {}, header), el('tbody', {}, rows)));
      const last = Math.min(p.offset + p.limit, p.total);
      pager.replaceChildren(
        el('button', { id: 'page-prev', disabled: p.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - state.limit); loadTable(); } }, '‹ Prev'),
        el('span', { id: 'page-info', 'data-testid': 'page-info', text: p.total ? `${p.offset + 1}–${last} of ${p.total}` : '0 trials' }),
        el('button', { id: 'page-next', disabled: last >= p.total, onclick: () => { state.offset += state.limit; loadTable(); } }, 'Next ›'));
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
      refreshPage();
    }

    refreshPage = async () => { await loadDetail(); await loadTable(); };
    await refreshPage();
  }

  // ------------------------------------------------------------------ trial page

  function curvesOption(series, title) {
    return {
      title: title ? { text: title, textStyle: { fontSize: 13 } } : undefined,
      tooltip: { trigger: 'axis' },
      legend: { top: title ? 22 : 0, type: 'scroll' },
      grid: { left: 50, right: 50, top: title ? 60 : 36, bottom: 30 },
      xAxis: { type: 'value', name: 'epoch', minInterval: 1, min: 'dataMin', nameLocation: 'middle', nameGap: 20 },
      yAxis: [{ type: 'value', name: 'loss', scale: true }, { type: 'value', name: 'val acc', scale: true }],
      series,
    };
  }

  function trialCurves(t, prefix) {
    const p = prefix ? prefix + ' ' : '';
    return [
      { name: p + 'train loss', type: 'line', data: t.curves.map(c => [c.epoch, c.trainLoss]) },
      { name: p + 'val loss', type: 'line', data: t.curves.map(c => [c.epoch, c.valLoss]) },
      { name: p + 'val acc', type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' }, data: t.curves.map(c => [c.epoch, c.valAccuracy]) },
    ];
  }

  /** Confusion matrix heat map: diagonal (right) in grey-blue, errors in red by count; counts printed. */
  function confusionOption(matrix, opts = {}) {
    const n = matrix.length;
    const labels = [...Array(n).keys()].map(String);
    const diag = [], off = [];
    let maxOff = 1;
    for (let t = 0; t < n; t++) for (let p = 0; p < n; p++) {
      const v = matrix[t][p];
      if (t === p) diag.push([p, t, v]);
      else { off.push([p, t, v]); maxOff = Math.max(maxOff, Math.abs(v)); }
    }
    const signed = !!opts.signed;
    return {
      title: opts.title ? { text: opts.title, textStyle: { fontSize: 13 }, left: 'center' } : undefined,
      tooltip: { formatter: p => `true ${esc(p.value[1])}, predicted ${esc(p.value[0])}: ${esc(p.value[2])}` },
      grid: { left: 46, right: 10, top: opts.title ? 40 : 14, bottom: 40 },
      xAxis: { type: 'category', data: labels, name: 'predicted', nameLocation: 'middle', nameGap: 24, splitArea: { show: true } },
      yAxis: { type: 'category', data: labels, name: 'true', inverse: true, nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
      visualMap: { show: false, seriesIndex: 1, min: signed ? -maxOff : 0, max: maxOff,
        inRange: { color: signed ? ['#2f9e5b', '#ffffff', '#d64545'] : ['#ffffff', '#f6b2a6', '#d64545'] } },
      series: [
        { name: 'right', type: 'heatmap', data: diag, itemStyle: { color: signed ? '#f2f4f7' : '#cfdcf3', borderColor: '#fff', borderWidth: 1 },
          label: { show: true, fontSize: 10 } },
        { name: 'confused', type: 'heatmap', data: off, itemStyle: { borderColor: '#fff', borderWidth: 1 },
          label: { show: true, fontSize: 10, formatter: p => (p.value[2] === 0 ? '' : (signed && p.value[2] > 0 ? '+' : '') + p.value[2]) } },
      ],
    };
  }

  function digit(index, caption, cls, experiment) {
    return el('figure', { class: 'digit', 'data-testid': 'digit', 'data-index': index },
      el('img', { src: `/api/samples/test/${index}.png?experiment=${enc(experiment)}`, alt: 'test image ' + index, loading: 'lazy', width: 112, height: 112 }),
      el('figcaption', {}, caption.map(([text, c]) => el('div', { class: c || cls, text }))));
  }

  async function trialPage(id) {
    const g = generation;
    const state = { trueLabel: '', predicted: '' };
    let t = await api('/api/trials/' + id + '?limit=60');
    if (g !== generation) return;
    const curvesBox = el('div', { class: 'chart', id: 'chart-curves', 'data-testid': 'chart-curves' });
    const confusionBox = el('div', { class: 'chart tall', id: 'chart-confusion', 'data-testid': 'chart-confusion' });
    const gallery = el('div', { class: 'gallery', id: 'gallery-misclassified', 'data-testid': 'gallery-misclassified' });
    const correct = el('div', { class: 'gallery', id: 'gallery-correct', 'data-testid': 'gallery-correct' });
    const galleryNote = el('p', { class: 'filter-note', id: 'gallery-note' });
    const classes = t.confusion.length || 10;
    const select = (id, label, key) => el('label', {}, label, el('select', { id, 'data-testid': id, onchange: ev => { state[key] = ev.target.value; loadGallery(); } },
      el('option', { value: '', text: 'any' }), [...Array(classes).keys()].map(c => el('option', { value: c, text: c }))));
    const head = el('div');
    const info = el('div', { class: 'grid2' });
    page(head, info,
      el('div', { class: 'grid2' },
        el('div', { class: 'card' }, el('h2', { text: 'Learning curves' }), curvesBox),
        el('div', { class: 'card' }, el('h2', { text: 'Confusion matrix (test set)' }),
          el('p', { class: 'filter-note', text: 'Click a cell to see those misclassified digits.' }), confusionBox)),
      el('div', { class: 'card' }, el('h2', { text: 'Misclassified test digits' }),
        el('div', { class: 'toolbar' }, select('filter-true', 'True class ', 'trueLabel'), select('filter-predicted', 'Predicted ', 'predicted'),
          el('button', { id: 'filter-clear', onclick: () => setFilter('', '') }, 'Clear filter')),
        galleryNote, gallery),
      el('div', { class: 'card' }, el('h2', { text: 'A few correct predictions' }), correct));

    function setFilter(tl, pl) {
      state.trueLabel = String(tl);
      state.predicted = String(pl);
      document.getElementById('filter-true').value = state.trueLabel;
      document.getElementById('filter-predicted').value = state.predicted;
      loadGallery();
    }

    function renderInfo() {
      const r = t.trial;
      head.replaceChildren(el('div', { class: 'toolbar' },
        el('h1', { id: 'trial-title', 'data-testid': 'trial-title' }, `Trial ${r.number}`, r.attempt > 1 ? ` (attempt ${r.attempt})` : ''),
        status(r.status), el('span', { class: 'muted' }, 'of ', el('a', { href: '#/experiment/' + enc(t.experiment), id: 'trial-experiment', text: t.experiment }))));
      const kv = (pairs, id) => el('dl', { class: 'kv', id }, pairs.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
      info.replaceChildren(
        el('div', { class: 'card' }, el('h2', { text: 'Parameters' }),
          kv([...Object.entries(r.params).map(([k, v]) => [k, paramValue(v)]), ['seed', String(r.seed)]], 'trial-params')),
        el('div', { class: 'card' }, el('h2', { text: 'Results' }), kv([
          ['objective (' + t.objectiveMetric + ')', num(r.objective)], ['val accuracy', pct(r.valAccuracy)], ['val loss', num(r.valLoss)],
          ['test accuracy', pct(r.testAccuracy)], ['test loss', num(r.testLoss)], ['epochs', String(r.epochsDone)],
          ['seconds', num(r.seconds, 1)], ['samples/s', num(r.samplesPerSecond, 0)], ['misclassified', `${t.misclassifiedTotal} of ${t.testSize}`],
          ['note', r.error || r.stopReason || '—']], 'trial-results'),
          el('h2', { text: 'Attempts' }),
          el('table', { id: 'attempts', 'data-testid': 'attempts' },
            el('thead', {}, el('tr', {}, ['Attempt', 'Status', 'Started', 'Seconds', 'Error / reason'].map(h => el('th', { text: h })))),
            el('tbody', {}, t.attempts.map(a => el('tr', {},
              el('td', {}, el('a', { href: '#/trial/' + a.id, text: a.attempt })), el('td', {}, status(a.status)),
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
      const data = await api('/api/trials/' + id + '?' + q);
      if (g !== generation) return;
      renderGallery(data);
    }

    let curvesChart = null, confusionChart = null;
    function draw() {
      renderInfo();
      const co = curvesOption(trialCurves(t));
      curvesChart ? curvesChart.setOption(co, true) : (curvesChart = chart(curvesBox, co));
      if (t.confusion.length) {
        const cm = confusionOption(t.confusion);
        if (confusionChart) confusionChart.setOption(cm, true);
        else {
          confusionChart = chart(confusionBox, cm);
          confusionChart && confusionChart.on('click', p => setFilter(p.value[1], p.value[0]));
        }
      } else confusionBox.replaceChildren(el('p', { class: 'muted', text: 'No test report (the trial did not finish).' }));
      correct.replaceChildren(...t.correct.map(c => digit(c.sampleIndex, [[c.label === null ? 'right' : `${c.label} ✓`, 'good'], [`#${c.sampleIndex}`, 'muted']], 'good', t.experiment)));
      if (!t.correct.length) correct.append(el('p', { class: 'muted', text: 'None.' }));
    }
    draw();
    renderGallery(t);
    refreshPage = async () => {
      t = await api('/api/trials/' + id + '?limit=60');
      if (g !== generation) return;
      draw();
      if (state.trueLabel !== '' || state.predicted !== '') await loadGallery(); else renderGallery(t);
    };
  }

  // ------------------------------------------------------------------ compare page

  async function comparePage(ids) {
    if (ids.length < 2 || ids.length > 4) {
      page(el('h1', { text: 'Compare trials' }), el('p', { class: 'errors', text: 'Pick 2 to 4 trials on an experiment page.' }));
      return;
    }
    const trials = await Promise.all(ids.map(id => api('/api/trials/' + id)));
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
        el('a', { href: '#/trial/' + t.trial.id, text: label(t) }))))),
      el('tbody', {}, keys.map(k => row(k, trials.map(t => paramValue(t.trial.params[k])), 'param-row')),
        metricRows.map(([n, f]) => row(n, trials.map(f), 'metric-row'))));
    const curvesBox = el('div', { class: 'chart tall', id: 'chart-compare-curves', 'data-testid': 'chart-compare-curves' });
    const matrices = el('div', { class: trials.length === 2 ? 'grid2' : 'grid3', id: 'compare-matrices' });
    const diffs = el('div', { id: 'compare-diffs' });
    page(el('h1', { text: 'Compare trials' }),
      el('p', { class: 'muted' }, 'of ', el('a', { href: '#/experiment/' + enc(trials[0].experiment), text: trials[0].experiment }),
        '. Highlighted rows differ between the trials.'),
      el('div', { class: 'card' }, table),
      el('div', { class: 'card' }, el('h2', { text: 'Learning curves' }), curvesBox),
      el('div', { class: 'card' }, el('h2', { text: 'Confusion matrices' }), matrices),
      el('div', { class: 'card' }, el('h2', { text: `Difference against ${label(trials[0])}` }),
        el('p', { class: 'filter-note', text: 'Off-diagonal cells: green = fewer of that confusion (fixed), red = more (introduced). Diagonal: change in correct predictions.' }),
        diffs));
    chart(curvesBox, curvesOption(trials.flatMap(t => trialCurves(t, label(t)))));
    trials.forEach((t, i) => {
      const box = el('div', { class: 'chart', id: 'chart-confusion-' + i, 'data-testid': 'compare-confusion' });
      matrices.append(box);
      if (t.confusion.length) chart(box, confusionOption(t.confusion, { title: label(t) }));
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
      chart(box, confusionOption(d, { signed: true, title: `${label(t)} − ${label(base)}` }));
    });
  }

  // ------------------------------------------------------------------ submit page

  const EXAMPLE = `name: my-experiment
data: {dir: data/mnist, train_limit: 6000, validation: 1000, test_limit: 2000}
model:
  hidden_layers:
    - units: {int: [32, 256], log: true}
  dropout: {uniform: [0.0, 0.3]}
training:
  learning_rate: {loguniform: [3.0e-4, 3.0e-3]}
  batch_size: {choice: [64, 128]}
  epochs: 2
search: {algorithm: random, trials: 4, parallelism: 2, seed: 7}
objective: {metric: val_accuracy, direction: maximize}
`;

  function submitPage() {
    const text = el('textarea', { id: 'spec-input', 'data-testid': 'spec-input', spellcheck: 'false' });
    text.value = EXAMPLE;
    const file = el('input', { type: 'file', id: 'spec-file', 'data-testid': 'spec-file', accept: '.yaml,.yml,text/yaml' });
    const result = el('div', { id: 'submit-result', 'data-testid': 'submit-result' });
    const button = el('button', { id: 'submit-button', 'data-testid': 'submit-button', class: 'primary', onclick: submit }, 'Submit and run');
    file.addEventListener('change', () => {
      const f = file.files[0];
      if (f) f.text().then(s => { text.value = s; });
    });
    page(el('h1', { text: 'Submit an experiment' }),
      el('p', { class: 'muted', text: 'The spec is checked like `tuneboard run` checks it, then queued and run by this server (one experiment at a time).' }),
      el('div', { class: 'card' },
        el('div', { class: 'toolbar' }, el('label', {}, 'Load a YAML file: ', file)),
        text,
        el('div', { class: 'toolbar' }, button)),
      result);

    async function submit() {
      button.disabled = true;
      try {
        const r = await api('/api/experiments', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text.value });
        result.replaceChildren(el('div', { class: 'ok-box', 'data-testid': 'submit-ok' }, 'Queued ',
          el('a', { href: '#/experiment/' + enc(r.name), id: 'submitted-link', text: r.name }), '.'));
      } catch (e) {
        const errors = e.body && e.body.errors;
        result.replaceChildren(el('div', { class: 'errors', 'data-testid': 'submit-errors' },
          el('strong', { text: errors ? 'The spec has problems:' : `Rejected (${e.status || 'network'}): ${e.message}` }),
          errors ? el('ul', {}, errors.map(p => el('li', { 'data-testid': 'spec-error', 'data-line': p.line, 'data-field': p.field },
            p.line > 0 ? `line ${p.line}, column ${p.column}: ` : '', p.field ? el('code', { text: p.field }) : '', p.field ? ': ' : '', p.message))) : null));
      } finally {
        button.disabled = false;
      }
    }
  }

  // With --token the header offers signing out (the session cookie is HttpOnly: only the server can end it).
  async function session() {
    const s = await api('/api/session');
    const out = document.getElementById('sign-out');
    out.hidden = !s.signedIn;
    out.onclick = async () => {
      await api('/api/session', { method: 'DELETE' });
      location.assign('/signin.html');
    };
  }

  session().catch(() => {});
  listen();
  route();
})();
