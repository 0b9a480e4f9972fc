// Best so far over time, across experiments (what `tuneboard compare --plot` draws): one step line per experiment,
// the best validation objective of its completed trials against minutes since it started. Pick experiments below
// the chart; the choice lives in the address (#/anytime/NAME/NAME…), so a comparison can be shared.
import { api, enc } from '../api.js';
import { el, esc, num, experimentHash, trialHash } from '../dom.js';

export const anytimeHash = names => '#/anytime' + names.map(n => '/' + enc(n)).join('');

export async function anytimePage(view, names) {
  const chartBox = el('div', { class: 'chart', id: 'chart-anytime', 'data-testid': 'chart-anytime' });
  const note = el('p', { class: 'filter-note', id: 'anytime-note' });
  const rows = el('tbody');
  const table = el('table', { 'data-testid': 'anytime-table' },
    el('thead', {}, el('tr', {}, ['Experiment', 'Objective', 'Best', 'Trial', 'Reached at', 'Run length', 'Improvements']
      .map((h, i) => el('th', { class: i >= 2 ? 'num' : null, text: h })))), rows);
  const picker = el('div', { class: 'picker', 'data-testid': 'anytime-picker' });
  view.show(el('h1', { text: 'Best so far over time' }),
    el('p', { class: 'muted' }, 'Per experiment, the best validation objective of its completed trials against wall-clock '
      + 'minutes since it started: how soon each search found its good trials. Run the same space with several search '
      + 'methods or seeds and compare them here (the CLI: ', el('code', { text: 'tuneboard compare --plot' }), ').'),
    el('div', { class: 'card' }, chartBox, note),
    el('div', { class: 'card' }, table),
    el('div', { class: 'card' }, el('h2', { text: 'Experiments to compare' }), picker));

  const all = await api('/api/experiments');
  if (!view.live()) return;
  drawPicker(picker, all.map(x => x.name), names);
  if (!names.length) {
    note.textContent = 'Pick one or more experiments below.';
    return;
  }
  let chart = null;
  // Live: a running experiment's line grows as its trials finish (the picker keeps what the user ticked).
  const refresh = async () => {
    const d = await api('/api/anytime?' + names.map(n => 'experiment=' + enc(n)).join('&'));
    if (view.live()) draw(d.runs);
  };
  view.onChange(refresh);
  await refresh();

  function draw(runs) {
    const metrics = [...new Set(runs.map(r => r.metric))];
    const series = runs.map(r => {
      const pts = r.steps.map(s => ({ value: [s.minutes, s.best], trial: s.trial }));
      // The line runs on to the end of the experiment at its last best: "nothing better came".
      if (r.steps.length) pts.push({ value: [r.endMinutes, r.steps[r.steps.length - 1].best], symbol: 'none' });
      return { name: r.experiment, type: 'line', step: 'end', showSymbol: true, symbolSize: 7, data: pts };
    });
    const option = {
      animation: false,
      legend: { top: 0, type: 'scroll' },
      grid: { left: 70, right: 30, top: 40, bottom: 50 },
      xAxis: { type: 'value', name: 'minutes since the experiment started', nameLocation: 'middle', nameGap: 30, min: 0 },
      yAxis: { type: 'value', name: metrics.length === 1 ? 'best ' + metrics[0] : 'best objective', scale: true },
      tooltip: { trigger: 'item', formatter: p => {
        const step = p.data.trial === undefined ? 'end of the run' : `trial ${esc(p.data.trial)}`;
        return `${esc(p.seriesName)}<br>${esc(num(p.value[1]))} at ${esc(num(p.value[0], 1))} min (${step})`;
      } },
      series,
    };
    if (chart) chart.setOption(option, true);
    else chart = view.chart(chartBox, option);
    if (chart) {
      chart.off('click');
      chart.on('click', p => {
        if (p.data && p.data.trial !== undefined) location.hash = trialHash(runs[p.seriesIndex].experiment, p.data.trial);
      });
    }
    const empty = runs.filter(r => !r.steps.length).map(r => r.experiment);
    note.textContent = (metrics.length > 1 ? `These experiments optimise different objectives (${metrics.join(', ')}); `
      + 'their lines share one axis. ' : '')
      + (empty.length ? `No completed trial yet: ${empty.join(', ')}.` : '');
    rows.replaceChildren(...runs.map(r => {
      const last = r.steps.length ? r.steps[r.steps.length - 1] : null;
      return el('tr', { 'data-testid': 'anytime-row', 'data-name': r.experiment },
        el('td', {}, el('a', { href: experimentHash(r.experiment), text: r.experiment })),
        el('td', { text: `${r.metric} (${r.direction})` }),
        el('td', { class: 'num', 'data-testid': 'anytime-best', text: last ? num(last.best) : '—' }),
        el('td', { class: 'num' }, last ? el('a', { href: trialHash(r.experiment, last.trial), text: String(last.trial) }) : '—'),
        el('td', { class: 'num', text: last ? num(last.minutes, 1) + ' min' : '—' }),
        el('td', { class: 'num', text: num(r.endMinutes, 1) + ' min' }),
        el('td', { class: 'num', text: String(r.steps.length) }));
    }));
  }
}

/** A checkbox per stored experiment; "Compare" puts the ticked ones in the address. */
function drawPicker(box, all, chosen) {
  const boxes = all.map(name => el('input', { type: 'checkbox', value: name, checked: chosen.includes(name),
    'data-testid': 'anytime-choice' }));
  const go = el('button', { class: 'primary', 'data-testid': 'anytime-go', text: 'Compare', onclick: () => {
    const picked = boxes.filter(b => b.checked).map(b => b.value).slice(0, 50);
    location.hash = anytimeHash(picked);
  } });
  box.replaceChildren(
    el('ul', { class: 'plain' }, all.map((name, i) => el('li', {}, el('label', {}, boxes[i], ' ', name)))),
    ...(all.length > 50 ? [el('p', { class: 'muted', text: 'At most 50 at once.' })] : []),
    go);
}
