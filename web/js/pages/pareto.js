// Trade-offs of one experiment: each completed trial's objective against its CPU latency or size, the Pareto front
// (trials nothing beats on both) highlighted, trials breaking the spec's limits greyed, each point a link to its trial.
import { api, enc, experimentPath } from '../api.js';
import { el, num, pct, experimentHash, trialHash } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 760, H = 420, PAD = { left: 64, right: 44, top: 16, bottom: 48 };

/** An SVG element; text only through textContent, like el(). */
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  kids.flat().forEach(k => k && e.append(k));
  return e;
}

const AXES = {
  latency_ms: { label: 'CPU time of one forward pass, batch 1 (ms, median, one thread)', value: p => p.latencyMs, fmt: v => num(v, 3) + ' ms' },
  parameters: { label: 'parameters (weights and biases)', value: p => p.parameters, fmt: v => Number(v).toLocaleString('en') },
};

/** A linear or (when values span more than 20×) log scale onto [a, b]. */
function scale(values, a, b) {
  const lo = Math.min(...values), hi = Math.max(...values);
  const log = lo > 0 && hi / lo > 20;
  const f = log ? Math.log10 : v => v;
  const l = f(lo), h = f(hi);
  const span = h - l || 1;
  const pad = span * 0.05;
  const map = v => a + (f(v) - (l - pad)) / (span + 2 * pad) * (b - a);
  map.log = log;
  map.ticks = () => {
    if (log) {
      const out = [];
      for (let e = Math.floor(l); e <= Math.ceil(h); e++) out.push(10 ** e);
      return out.filter(v => f(v) >= l - pad && f(v) <= h + pad);
    }
    return [0, 1, 2, 3, 4].map(i => (l - pad) + (span + 2 * pad) * i / 4);
  };
  return map;
}

export async function paretoPage(view, name) {
  const state = { against: null };
  const head = el('div');
  const toggle = el('div', { class: 'toolbar', id: 'pareto-toggle' });
  const plotBox = el('div', { id: 'pareto-plot', 'data-testid': 'pareto-plot' });
  const note = el('p', { class: 'filter-note', id: 'pareto-note' });
  const table = el('div', { id: 'pareto-front-table' });
  view.show(head, el('div', { class: 'card' }, toggle, plotBox, note), el('div', { class: 'card' }, el('h2', { text: 'The front' }), table));

  async function load() {
    const d = await api(experimentPath(name) + '/pareto' + (state.against ? '?against=' + enc(state.against) : ''));
    if (!view.live()) return;
    state.against = d.against;
    const objective = d.objective.metric;
    const limits = [d.limits.maxParameters !== null ? `at most ${Number(d.limits.maxParameters).toLocaleString('en')} parameters` : null,
      d.limits.maxLatencyMs !== null ? `at most ${d.limits.maxLatencyMs} ms latency` : null].filter(Boolean);
    head.replaceChildren(el('h1', { text: 'Trade-offs' }), el('p', { class: 'muted' }, 'of ',
      el('a', { href: experimentHash(name), text: name }), `: ${objective} (${d.objective.direction})`,
      d.second ? ` against ${d.second.metric} (${d.second.direction}), two objectives` : ', one objective',
      limits.length ? `; limits: ${limits.join(', ')}` : '',
      d.chosen !== null ? el('span', {}, '; chosen: ', el('a', { href: trialHash(name, d.chosen), 'data-testid': 'pareto-chosen', text: 'trial ' + d.chosen })) : ''));
    toggle.replaceChildren('Against: ', ...Object.keys(AXES).map(k => el('button', {
      'data-testid': 'against-' + k, class: k === d.against ? 'primary' : null, text: k === 'latency_ms' ? 'latency' : 'size',
      onclick: () => { state.against = k; load(); } })));
    draw(d);
  }

  function draw(d) {
    const axis = AXES[d.against];
    const y = p => p.objective;
    const pts = d.points.filter(p => axis.value(p) !== null && y(p) !== null);
    const missing = d.points.length - pts.length;
    note.textContent = `${d.points.length} completed trials, ${d.frontSize} on the front (among trials meeting the limits). `
      + 'Front: no other trial is at least as good on both axes and better on one. Click a point to open its trial.'
      + (missing ? ` ${missing} trial(s) have no measured cost and are not drawn.` : '');
    if (!pts.length) {
      plotBox.replaceChildren(el('p', { class: 'muted', text: 'No completed trial with a measured latency and size yet.' }));
      table.replaceChildren();
      return;
    }
    const sx = scale(pts.map(axis.value), PAD.left, W - PAD.right);
    const sy = scale(pts.map(y), H - PAD.bottom, PAD.top);
    const grid = svg('g', {},
      sx.ticks().map(v => svg('g', {}, svg('line', { x1: sx(v), x2: sx(v), y1: PAD.top, y2: H - PAD.bottom, stroke: '#e5e7eb' }),
        svg('text', { x: sx(v), y: H - PAD.bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#555', text: sx.log ? axis.fmt(v) : axis.fmt(v) }))),
      sy.ticks().map(v => svg('g', {}, svg('line', { x1: PAD.left, x2: W - PAD.right, y1: sy(v), y2: sy(v), stroke: '#e5e7eb' }),
        svg('text', { x: PAD.left - 6, y: sy(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#555', text: num(v, 4) }))),
      svg('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 12, text: axis.label + (sx.log ? ', log scale' : '') }),
      svg('text', { x: 14, y: (PAD.top + H - PAD.bottom) / 2, 'text-anchor': 'middle', 'font-size': 12,
        transform: `rotate(-90 14 ${(PAD.top + H - PAD.bottom) / 2})`, text: d.objective.metric }));
    const front = pts.filter(p => p.front).sort((a, b) => axis.value(a) - axis.value(b));
    const line = svg('polyline', { 'data-testid': 'pareto-front-line', fill: 'none', stroke: '#d94e5d', 'stroke-width': 2,
      points: front.map(p => `${sx(axis.value(p)).toFixed(1)},${sy(y(p)).toFixed(1)}`).join(' ') });
    // Front points last, so they are drawn over the others and stay clickable.
    const ordered = [...pts.filter(p => !p.front), ...front];
    const dots = ordered.map(p => {
      const chosen = p.number === d.chosen;
      return svg('circle', { cx: sx(axis.value(p)).toFixed(1), cy: sy(y(p)).toFixed(1), r: p.front ? 7 : 5,
        fill: p.front ? '#d94e5d' : p.feasible ? '#2f6fde' : '#bbb', 'fill-opacity': p.feasible ? 0.85 : 0.6,
        stroke: chosen ? '#111' : '#fff', 'stroke-width': chosen ? 3 : 1, style: 'cursor:pointer',
        'data-testid': 'pareto-point', 'data-number': p.number, 'data-front': String(p.front), 'data-feasible': String(p.feasible),
        onclick: () => { location.hash = trialHash(name, p.number); } },
      svg('title', { text: `trial ${p.number}: ${d.objective.metric} ${num(p.objective)}, ${axis.fmt(axis.value(p))}`
        + (p.front ? ', on the front' : '') + (p.feasible ? '' : ', breaks the limits') + (chosen ? ', chosen' : '') }));
    });
    const legend = el('div', { class: 'filter-note' }, [['#d94e5d', 'on the Pareto front'], ['#2f6fde', 'dominated'],
      ['#bbb', 'breaks the limits'], ['#fff', 'black ring: the chosen trial']].map(([c, t]) =>
      el('span', { style: 'margin-right:1.2em' }, el('span', { style: `display:inline-block;width:10px;height:10px;border-radius:5px;`
        + `background:${c};border:1px solid #555;margin-right:4px` }), t)));
    plotBox.replaceChildren(svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': 'Pareto plot' },
      grid, line, dots), legend);
    table.replaceChildren(el('table', { 'data-testid': 'pareto-front-rows' },
      el('thead', {}, el('tr', {}, ['Trial', d.objective.metric, 'val accuracy', 'latency (batch 1)', 'latency (batch 256)', 'parameters']
        .map(h => el('th', { text: h })))),
      el('tbody', {}, front.map(p => el('tr', {},
        el('td', {}, el('a', { href: trialHash(name, p.number), text: String(p.number) + (p.number === d.chosen ? ' (chosen)' : '') })),
        el('td', { class: 'num', text: num(p.objective) }), el('td', { class: 'num', text: pct(p.valAccuracy) }),
        el('td', { class: 'num', text: num(p.latencyMs, 3) + ' ms' }), el('td', { class: 'num', text: num(p.latencyMs256, 2) + ' ms' }),
        el('td', { class: 'num', text: p.parameters === null ? '—' : Number(p.parameters).toLocaleString('en') }))))));
  }

  await load();
  view.onChange(load);
}
