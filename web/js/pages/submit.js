// Submit a YAML spec: problems come back with line, column and field; a good spec is queued and run here.
import { api } from '../api.js';
import { el, experimentHash } from '../dom.js';

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

export function submitPage(view) {
  const text = el('textarea', { id: 'spec-input', 'data-testid': 'spec-input', spellcheck: 'false' });
  text.value = EXAMPLE;
  const file = el('input', { type: 'file', id: 'spec-file', 'data-testid': 'spec-file', accept: '.yaml,.yml,text/yaml' });
  const result = el('div', { id: 'submit-result', 'data-testid': 'submit-result' });
  const button = el('button', { id: 'submit-button', 'data-testid': 'submit-button', class: 'primary', onclick: submit }, 'Submit and run');
  file.addEventListener('change', () => {
    const f = file.files[0];
    if (f) f.text().then(s => { text.value = s; });
  });
  view.show(el('h1', { text: 'Submit an experiment' }),
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
        el('a', { href: experimentHash(r.name), id: 'submitted-link', text: r.name }), '.'));
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
