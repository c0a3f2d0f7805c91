// ECharts, served by the gateway from org.mvnpm:echarts. Every chart can zoom (where it has an axis of many points),
// shows values on hover, and saves itself as a PNG.
import * as echarts from '/_static/echarts/6.0.0/dist/echarts.esm.min.js';

const charts = new Set();
addEventListener('resize', () => charts.forEach(c => c.resize()));

function base(title) {
  return {
    title: { text: title, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', valueFormatter: v => (typeof v === 'number' ? +v.toPrecision(6) : v) },
    toolbox: { feature: { saveAsImage: { title: 'PNG', name: title.replace(/\W+/g, '-').toLowerCase() }, dataZoom: {} } },
    grid: { left: 56, right: 24, top: 48, bottom: 56, containLabel: true },
  };
}

function mount(el, option) {
  const old = echarts.getInstanceByDom(el);
  if (old) { charts.delete(old); old.dispose(); }
  const c = echarts.init(el);
  c.setOption(option);
  charts.add(c);
  return c;
}

/** Each outcome's probability over the cleared rounds, and the latest round's distribution as bars. */
export function policyCharts(lineEl, barEl, labels, rounds) {
  const cleared = rounds.filter(r => r.policy);
  const names = labels.length ? labels.map((l, i) => `${i}: ${l.length > 24 ? l.slice(0, 23) + '…' : l}`) : (cleared[0]?.policy || []).map((_, i) => `outcome ${i}`);
  mount(lineEl, {
    ...base('Outcome of each cleared round'),
    legend: { type: 'scroll', bottom: 0 },
    xAxis: { type: 'category', name: 'round', data: cleared.map(r => r.round) },
    yAxis: { type: 'value', name: 'probability', min: 0 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 24, height: 16 }],
    series: names.map((n, i) => ({ name: n, type: 'line', showSymbol: cleared.length < 40, data: cleared.map(r => r.policy[i]) })),
  });
  const last = cleared[cleared.length - 1];
  mount(barEl, {
    ...base(last ? `Round ${last.round}: the outcome` : 'No cleared round yet'),
    xAxis: { type: 'category', data: names, axisLabel: { rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: 'probability', min: 0 },
    series: [{ type: 'bar', data: last ? last.policy : [], itemStyle: { color: '#2f5fd0' } }],
  });
}

/** A ladder: each bot's strength with its 95% interval. */
export function ladderChart(el, rows) {
  const bots = rows.map(r => r.bot).reverse();
  const byBot = Object.fromEntries(rows.map(r => [r.bot, r]));
  mount(el, {
    ...base('Strength with 95% interval'),
    tooltip: { trigger: 'item', formatter: p => { const r = byBot[bots[p.dataIndex]]; return `${r.bot}<br>${r.strength.toFixed(3)} [${r.low.toFixed(3)}, ${r.high.toFixed(3)}]`; } },
    xAxis: { type: 'value', name: 'strength (log-odds vs. the field)' },
    yAxis: { type: 'category', data: bots },
    series: [
      { type: 'custom', name: 'interval', data: bots.map((b, i) => [byBot[b].low, byBot[b].high, i]),
        renderItem: (params, api) => {
          const lo = api.coord([api.value(0), api.value(2)]);
          const hi = api.coord([api.value(1), api.value(2)]);
          const style = { stroke: '#5a6270', lineWidth: 1.5 };
          return { type: 'group', children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
            { type: 'line', shape: { x1: lo[0], y1: lo[1] - 5, x2: lo[0], y2: lo[1] + 5 }, style },
            { type: 'line', shape: { x1: hi[0], y1: hi[1] - 5, x2: hi[0], y2: hi[1] + 5 }, style }] };
        } },
      { type: 'scatter', name: 'strength', symbolSize: 10, data: bots.map((b, i) => [byBot[b].strength, i]), itemStyle: { color: '#2f5fd0' } },
    ],
  });
}

/** An experiment's metric over its sweep: the mean per point with ±1.96 standard errors, one line per sweep. */
export function metricChart(el, metric, rows) {
  const sweeps = [...new Set(rows.map(r => r.sweep))];
  const numeric = rows.every(r => Number.isFinite(r.x));
  const series = [];
  for (const sweep of sweeps) {
    const points = rows.filter(r => r.sweep === sweep).sort((a, b) => (numeric ? a.x - b.x : a.point - b.point));
    series.push({ name: sweep, type: 'line', data: points.map(p => [numeric ? p.x : String(p.label), p.mean]) });
    series.push({ name: sweep + ' ±1.96 s.e.', type: 'custom', data: points.map(p => [numeric ? p.x : String(p.label), p.mean - 1.96 * p.stderr, p.mean + 1.96 * p.stderr]),
      renderItem: (params, api) => {
        const lo = api.coord([api.value(0), api.value(1)]);
        const hi = api.coord([api.value(0), api.value(2)]);
        return { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: '#8a93a3', lineWidth: 1.5 } };
      } });
  }
  mount(el, {
    ...base(metric),
    legend: { bottom: 0 },
    xAxis: numeric ? { type: 'value', name: rows[0]?.xName || 'point', scale: true } : { type: 'category', name: 'point' },
    yAxis: { type: 'value', scale: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 24, height: 16 }],
    series,
  });
}
