// ECharts options shared by the trial and compare pages.
import { esc } from './dom.js';

export function curvesOption(series, title) {
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

export function trialCurves(t, prefix) {
  const p = prefix ? prefix + ' ' : '';
  return [
    { name: p + 'train loss', type: 'line', data: t.curves.map(c => [c.epoch, c.trainLoss]) },
    { name: p + 'val loss', type: 'line', data: t.curves.map(c => [c.epoch, c.valLoss]) },
    { name: p + 'val acc', type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' }, data: t.curves.map(c => [c.epoch, c.valAccuracy]) },
  ];
}

/** Confusion matrix heat map: diagonal (right) in grey-blue, errors in red by count; counts printed. */
export function confusionOption(matrix, opts = {}) {
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
