// DOM helpers and formatting shared by the pages. Every name and value from the API reaches the page
// through textContent (see el()), never innerHTML.
import { enc } from './api.js';

/** Builds an element; strings and numbers become text nodes, so data can never become markup. */
export function el(tag, attrs, ...kids) {
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
export function esc(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export const num = (v, d = 4) => (v === null || v === undefined || Number.isNaN(v)) ? '—' : Number(v).toFixed(d);
export const pct = v => (v === null || v === undefined) ? '—' : (100 * v).toFixed(2) + '%';

// Categorical params: a trial stores the option's index in these lists (ModelSpec.ACTIVATIONS and
// TrainingSpec.LR_SCHEDULES, append-only; DashboardParamNamesTest keeps them equal).
export const PARAM_OPTIONS = {
  activation: ['relu', 'leaky_relu', 'elu', 'gelu'],
  lr_schedule: ['none', 'step', 'exponential', 'cosine'],
};

/** A param's value as people read it; {@code name} turns a categorical param's index into its option. */
export function paramValue(v, name) {
  if (v === null || v === undefined) return '—';
  const options = PARAM_OPTIONS[name];
  if (options && Number.isInteger(v) && options[v] !== undefined) return options[v];
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 0.01 || a >= 1e5) ? v.toExponential(3) : v.toFixed(4);
}

export function dur(s) {
  if (s === null || s === undefined) return '—';
  s = Math.round(s);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h ? `${h}h ${m}m` : m ? `${m}m ${sec}s` : `${sec}s`;
}

export const when = t => t ? new Date(t).toLocaleString() : '—';
export const status = s => el('span', { class: 'status ' + s, 'data-testid': 'status', text: s });

export function failure(e) {
  return el('div', { class: 'errors', 'data-testid': 'page-error', text: e.message || String(e) });
}

// Page addresses. Trials are linked by experiment and number (what the pages show), not by row id.
export const experimentHash = name => '#/experiment/' + enc(name);
export const trialHash = (name, number, attempt) =>
  experimentHash(name) + '/trial/' + number + (attempt ? '/attempt/' + attempt : '');

/**
 * A link to one attempt of a leaderboard row. Completed, pruned and running attempts are always the latest
 * of their number (only failed or stopped ones are retried), so they get the plain number link.
 */
export const rowHash = (name, row) =>
  trialHash(name, row.number, row.status === 'failed' || row.status === 'stopped' ? row.attempt : null);
