// Draw a digit: a canvas for mouse, pen or touch (pointer events), preprocessed as MNIST digits were and sent to
// one or more predict routes, whose top-3 probabilities show live while drawing.
import { api } from './api.js';
import { el } from './dom.js';

const SIZE = 280; // canvas pixels: ten per MNIST pixel
const PEN = 22;   // stroke width in canvas pixels, about MNIST's 2–3 pixel strokes after scaling

/**
 * MNIST's own preprocessing (LeCun et al.): crop to the ink, scale to fit a 20×20 box keeping the aspect
 * ratio (area averaging, so grey edges as in the originals), then place it in 28×28 with its centre of mass
 * at the centre. {@code ink}: SIZE×SIZE values in [0, 1], white on black. Returns 784 floats, or null if blank.
 */
export function mnistPixels(ink, width, height) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0.02) {
        if (x < x0) x0 = x; if (x > x1) x1 = x;
        if (y < y0) y0 = y; if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const scale = 20 / Math.max(bw, bh);
  const w = Math.max(1, Math.round(bw * scale)), h = Math.max(1, Math.round(bh * scale));
  const box = new Float32Array(w * h);
  for (let ty = 0; ty < h; ty++) {
    const sy0 = y0 + ty * bh / h, sy1 = y0 + (ty + 1) * bh / h;
    for (let tx = 0; tx < w; tx++) {
      const sx0 = x0 + tx * bw / w, sx1 = x0 + (tx + 1) * bw / w;
      let sum = 0, area = 0;
      for (let sy = Math.floor(sy0); sy < Math.ceil(sy1); sy++) {
        const fy = Math.min(sy + 1, sy1) - Math.max(sy, sy0);
        for (let sx = Math.floor(sx0); sx < Math.ceil(sx1); sx++) {
          const f = fy * (Math.min(sx + 1, sx1) - Math.max(sx, sx0));
          sum += f * ink[sy * width + sx];
          area += f;
        }
      }
      box[ty * w + tx] = area > 0 ? sum / area : 0;
    }
  }
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const v = box[y * w + x];
    mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
  }
  const dx = Math.round(14 - mx / mass), dy = Math.round(14 - my / mass);
  const out = new Array(784).fill(0);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const X = x + dx, Y = y + dy;
    if (X >= 0 && X < 28 && Y >= 0 && Y < 28) out[Y * 28 + X] = Math.min(1, box[y * w + x]);
  }
  return out;
}

/**
 * The pad. {@code targets}: [{ label, path }] — each a predict route; one result column per target.
 * Requests are one at a time per pad: while one is out, the latest drawing waits and goes next.
 */
export function digitPad(targets, note) {
  const canvas = el('canvas', { class: 'digitpad-canvas', id: 'digitpad-canvas', 'data-testid': 'digitpad-canvas', width: SIZE, height: SIZE });
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const preview = el('canvas', { class: 'digitpad-preview', id: 'digitpad-preview', width: 28, height: 28, title: 'what the model sees (28×28)' });
  const results = targets.map(t => el('div', { class: 'digitpad-result', 'data-testid': 'digitpad-result', 'data-target': t.label },
    el('div', { class: 'muted', text: t.label }), el('ol', { class: 'digitpad-top', 'data-testid': 'digitpad-top' })));
  const clear = el('button', { id: 'digitpad-clear', 'data-testid': 'digitpad-clear', type: 'button', onclick: reset, text: 'Clear' });
  let drawing = null, busy = false, pending = false, generation = 0;
  const root = el('div', { class: 'digitpad', id: 'digitpad', 'data-testid': 'digitpad' });

  function reset() {
    generation++; // answers still on their way are for a drawing that is gone
    pending = false;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIZE, SIZE);
    preview.getContext('2d').clearRect(0, 0, 28, 28);
    results.forEach(r => r.querySelector('ol').replaceChildren());
  }

  function point(ev) {
    const r = canvas.getBoundingClientRect();
    return [(ev.clientX - r.left) * SIZE / r.width, (ev.clientY - r.top) * SIZE / r.height];
  }

  function stroke(from, to) {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(to[0], to[1]);
    ctx.stroke();
  }

  canvas.addEventListener('pointerdown', ev => {
    ev.preventDefault();
    canvas.setPointerCapture(ev.pointerId);
    drawing = point(ev);
    stroke(drawing, drawing);
    predict();
  });
  canvas.addEventListener('pointermove', ev => {
    if (!drawing) return;
    const p = point(ev);
    stroke(drawing, p);
    drawing = p;
    predict();
  });
  const end = () => { if (drawing) { drawing = null; predict(); } };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  function pixels() {
    const rgba = ctx.getImageData(0, 0, SIZE, SIZE).data;
    const ink = new Float32Array(SIZE * SIZE);
    for (let i = 0; i < ink.length; i++) ink[i] = rgba[i * 4] / 255;
    return mnistPixels(ink, SIZE, SIZE);
  }

  function showPreview(px) {
    const img = preview.getContext('2d').createImageData(28, 28);
    px.forEach((v, i) => { const g = Math.round(v * 255); img.data.set([g, g, g, 255], i * 4); });
    preview.getContext('2d').putImageData(img, 0, 0);
  }

  async function predict() {
    if (busy) { pending = true; return; }
    const px = pixels();
    if (!px) return;
    showPreview(px);
    busy = true;
    root.dataset.busy = '1'; // until the answer to the latest drawing is shown (tests wait on it)
    try {
      const body = JSON.stringify({ pixels: px });
      const drawn = generation;
      await Promise.all(targets.map(async (t, i) => {
        const list = results[i].querySelector('ol');
        try {
          const p = await api(t.path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
          if (drawn !== generation) return;
          const top = p.probabilities.map((v, d) => [d, v]).sort((a, b) => b[1] - a[1]).slice(0, 3);
          results[i].dataset.digit = p.digit;
          list.replaceChildren(...top.map(([d, v], k) => el('li', { class: k === 0 ? 'best' : null, 'data-digit': d },
            el('span', { class: 'digit-label', text: d }),
            el('span', { class: 'bar' }, el('span', { style: `width:${(100 * v).toFixed(1)}%` })),
            el('span', { class: 'num', text: (100 * v).toFixed(1) + '%' }))));
        } catch (e) {
          if (drawn !== generation) return;
          delete results[i].dataset.digit;
          list.replaceChildren(el('li', { class: 'errors', text: e.message }));
        }
      }));
    } finally {
      busy = false;
      if (pending) { pending = false; predict(); }
      if (!busy) delete root.dataset.busy;
    }
  }

  reset();
  root.append(
    el('div', { class: 'digitpad-draw' }, canvas,
      el('div', { class: 'toolbar' }, clear, preview, el('span', { class: 'filter-note', text: 'model input' }))),
    el('div', { class: 'digitpad-results' },
      note ? el('p', { class: 'filter-note', text: note }) : null, results));
  return root;
}
