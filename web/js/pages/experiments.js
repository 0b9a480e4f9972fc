// The experiments list.
import { api } from '../api.js';
import { el, num, pct, dur, when, status, experimentHash } from '../dom.js';

export async function experimentsPage(view) {
  const body = el('tbody');
  const table = el('table', { id: 'experiments-table', 'data-testid': 'experiments-table' },
    el('thead', {}, el('tr', {},
      ['Experiment', 'Status', 'Progress', 'Best objective', 'Best val acc', 'Test acc (chosen)', 'Created', 'Elapsed', 'Remaining']
        .map((h, i) => el('th', { class: i >= 3 && i <= 5 ? 'num' : null, text: h })))),
    body);
  view.show(el('h1', { text: 'Experiments' }),
    el('p', { class: 'muted' }, 'Every experiment in this store. Test accuracy is that of the trial the validation objective chose. ',
      el('a', { href: '#/submit', text: 'Submit a new one.' }), ' ',
      el('a', { href: '#/anytime', 'data-testid': 'link-anytime', text: 'Compare experiments over time.' })),
    el('div', { class: 'card' }, table));
  const refresh = async () => {
    const list = await api('/api/experiments');
    if (!view.live()) return;
    body.replaceChildren(...list.map(x => el('tr', { 'data-testid': 'experiment-row', 'data-name': x.name },
      el('td', {}, el('a', { href: experimentHash(x.name), class: 'experiment-link', 'data-testid': 'experiment-link', text: x.name })),
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
  view.onChange(refresh);
  await refresh();
}
