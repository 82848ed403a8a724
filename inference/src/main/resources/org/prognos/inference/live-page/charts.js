// Charts of the asset page, drawn with uPlot (vendored under vendor/uplot, loaded as the global uPlot).
const HEIGHT = 180;

/** x values of times as the API formats them: cycle numbers as they are, timestamps as UTC epoch seconds. */
export function xs(times) {
  const cycles = times.every((t) => /^-?\d+(\.\d+)?$/.test(t));
  if (cycles) return { time: false, values: times.map(Number) };
  return {
    time: true,
    values: times.map((t) => {
      let s = t.includes('T') ? t : t.replace(' ', 'T');
      if (!/(Z|[+-]\d\d:?\d\d)$/.test(s)) s += 'Z';
      return Date.parse(s) / 1000;
    }),
  };
}

function width(target) {
  return Math.max(320, Math.floor(target.getBoundingClientRect().width) - 8);
}

/** The x range: the data's, widened around a single point (an hour, or a cycle) so it is not drawn at an edge. */
function xRange(x) {
  const v = x.values;
  if (v.length === 0) return undefined;
  const pad = x.time ? 3600 : 1;
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return lo === hi ? [lo - pad, hi + pad] : [lo, hi];
}

function plot(target, title, x, series, data, range) {
  const xr = xRange(x);
  const opts = {
    title,
    width: width(target),
    height: HEIGHT,
    scales: { x: xr ? { time: x.time, range: xr } : { time: x.time }, y: range ? { range } : {} },
    series: [{}, ...series],
    legend: { live: false },
  };
  return new uPlot(opts, [x.values, ...data], target);
}

/** The risk of the asset's recent scores, with the model's alarm threshold. */
export function riskChart(target, scores, threshold) {
  target.replaceChildren();
  const x = xs(scores.times);
  return plot(target, '', x, [
    { label: 'risk', stroke: '#ef6c00', width: 2, points: { show: scores.times.length < 60 } },
    { label: 'threshold', stroke: '#c62828', dash: [6, 4], width: 1, points: { show: false } },
  ], [scores.risks, scores.times.map(() => threshold)], [0, 1]);
}

/** One small chart per channel of the asset's recent readings. */
export function traceCharts(target, readings) {
  target.replaceChildren();
  const x = xs(readings.times);
  return readings.channels.map((c) => {
    const box = document.createElement('div');
    box.className = 'chart trace';
    box.dataset.channel = c;
    target.append(box);
    return plot(box, c, x, [{ label: c, stroke: '#1565c0', width: 1.5, spanGaps: false, points: { show: false } }],
      [readings.values[c]]);
  });
}
