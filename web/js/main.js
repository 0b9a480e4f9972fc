// Tuneboard dashboard: a hash-routed single page over the JSON API, one module per page.
import { api } from './api.js';
import { el, failure } from './dom.js';
import { experimentsPage } from './pages/experiments.js';
import { experimentPage } from './pages/experiment.js';
import { trialPage, trialIdRedirect } from './pages/trial.js';
import { comparePage } from './pages/compare.js';
import { submitPage } from './pages/submit.js';
import { paretoPage } from './pages/pareto.js';
import { hardestPage } from './pages/hardest.js';
import { anytimePage } from './pages/anytime.js';

const app = document.getElementById('app');
let charts = [];
let refreshPage = null; // what a live "change" event re-runs for the page on screen
let generation = 0;     // bumps on navigation so late responses of an old page are dropped

window.addEventListener('resize', () => charts.forEach(c => c.resize()));

/** What a page gets to draw with; everything it does after the user navigated away is dropped. */
function newView() {
  const g = ++generation;
  charts.forEach(c => c.dispose());
  charts = [];
  refreshPage = null;
  const live = () => g === generation;
  return {
    live,
    show: (...kids) => { if (live()) app.replaceChildren(...kids); },
    chart(container, option) {
      if (!window.echarts || !live()) return null;
      const c = window.echarts.init(container);
      c.setOption(option);
      charts.push(c);
      return c;
    },
    onChange(fn) { if (live()) refreshPage = fn; },
  };
}

async function route() {
  const view = newView();
  const hash = location.hash.replace(/^#/, '') || '/';
  const parts = hash.split('/').filter(Boolean).map(decodeURIComponent);
  const n = s => /^\d+$/.test(s || '');
  try {
    if (parts.length === 0) await experimentsPage(view);
    else if (parts[0] === 'experiment' && parts[1] !== undefined && parts.length === 2) await experimentPage(view, parts[1]);
    else if (parts[0] === 'experiment' && parts[2] === 'pareto' && parts.length === 3) await paretoPage(view, parts[1]);
    else if (parts[0] === 'experiment' && parts[2] === 'hardest' && parts.length === 3) await hardestPage(view, parts[1]);
    else if (parts[0] === 'experiment' && parts[2] === 'trial' && n(parts[3]) && parts.length === 4) await trialPage(view, parts[1], +parts[3]);
    else if (parts[0] === 'experiment' && parts[2] === 'trial' && n(parts[3]) && parts[4] === 'attempt' && n(parts[5]) && parts.length === 6) {
      await trialPage(view, parts[1], +parts[3], +parts[5]);
    }
    else if (parts[0] === 'trial' && n(parts[1])) await trialIdRedirect(view, parts[1]);
    else if (parts[0] === 'compare') await comparePage(view, (parts[1] || '').split(',').filter(s => n(s)));
    else if (parts[0] === 'submit') submitPage(view);
    else if (parts[0] === 'anytime') await anytimePage(view, [...new Set(parts.slice(1))]);
    else view.show(el('h1', { text: 'Not found' }), el('p', {}, el('a', { href: '#/', text: 'Back to experiments' })));
  } catch (e) {
    view.show(failure(e));
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
