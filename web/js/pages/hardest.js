// The test images the best trials of an experiment still get wrong: in how many of the top k, and the wrong label
// they give most. Counts are exact: every misclassified test image of every trial is stored.
import { api, enc, experimentPath } from '../api.js';
import { el, experimentHash, trialHash } from '../dom.js';

export async function hardestPage(view, name) {
  const state = { k: 5, limit: 50 };
  const head = el('div');
  const kInput = el('input', { type: 'number', min: 1, max: 100, value: state.k, id: 'hardest-k', 'data-testid': 'hardest-k', style: 'width:5em' });
  const controls = el('div', { class: 'toolbar' }, el('label', {}, 'Top k trials: ', kInput),
    el('button', { 'data-testid': 'hardest-apply', onclick: () => { state.k = Math.max(1, Math.min(100, +kInput.value || 5)); load(); }, text: 'Show' }));
  const about = el('p', { class: 'filter-note', id: 'hardest-trials' });
  const gallery = el('div', { class: 'gallery', id: 'hardest-gallery', 'data-testid': 'hardest-gallery' });
  view.show(head, el('div', { class: 'card' }, controls, about, gallery));

  async function load() {
    const d = await api(experimentPath(name) + `/hardest?k=${enc(state.k)}&limit=${enc(state.limit)}`);
    if (!view.live()) return;
    head.replaceChildren(el('h1', { text: 'Hardest test images' }), el('p', { class: 'muted' }, 'of ',
      el('a', { href: experimentHash(name), text: name }), `: the test images most of the top ${d.trials.length} completed trials get wrong.`));
    about.replaceChildren('Trials: ', ...d.trials.flatMap((t, i) => [i ? ', ' : '', el('a', { href: trialHash(name, t.number), text: String(t.number) })]),
      d.trials.length < d.k ? ` (only ${d.trials.length} completed, asked for ${d.k})` : '');
    gallery.replaceChildren(...(d.samples.length ? d.samples.map(s => el('figure', { class: 'digit', 'data-testid': 'hardest-sample',
      'data-index': s.index, 'data-wrong': s.wrong },
      el('img', { src: s.image, alt: 'test image ' + s.index, loading: 'lazy', width: 112, height: 112 }),
      el('figcaption', {},
        el('div', { class: 'bad', text: `wrong in ${s.wrong} of ${s.of}` }),
        el('div', { text: `true ${s.trueLabel} → mostly ${s.commonWrongLabel}` + (s.wrong > 1 ? ` (${s.commonWrongCount}×)` : '') }),
        el('div', { class: 'muted', text: '#' + s.index }))))
      : [el('p', { class: 'muted', text: d.trials.length ? 'These trials got every test image right.' : 'No completed trial yet.' })]));
  }

  await load();
  view.onChange(load);
}
