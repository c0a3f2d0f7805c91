import { api } from '../api.js';
import { h, table, fill, fmt, download } from '../dom.js';
import { metricChart } from '../charts.js';

const EXAMPLE = `# A small sweep: group g1 polarizes its reward model by epsilon; the audit searches for its best misreport.
name: ui-example
mechanism: affine-maximizer
params: { lambda: 1.0, payment: affine-maximizer }
outcomes: 5
reference: uniform
samples: 500
seed: 7
baseline: truthful
audit: { agents: [g1] }
population:
  - name: g1
    strategy: epsilon-polarization
    params: { epsilon: 0.01 }
  - name: others
    count: 3
    strategy: truthful
sweeps:
  - name: epsilon
    vary:
      population.g1.params.epsilon: [0.001, 0.01, 0.05, 0.1]
plots:
  - metric: g1.deltaUtility
`;

function statusBadge(e) {
  return h('span', { class: 'badge ' + e.status }, e.status);
}

export async function experimentsPage(app) {
  const error = h('p', { class: 'field-error', role: 'alert', id: 'config-error' });
  const config = h('textarea', { id: 'config', name: 'config', spellcheck: 'false' }, EXAMPLE);
  const form = h('form', { class: 'stack' }, h('label', { for: 'config' }, 'Experiment config (YAML, as for agora experiment run)'),
    config, error, h('p', {}, h('button', { type: 'submit' }, 'Run experiment')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.textContent = '';
    try {
      const started = await api('/api/experiments', { method: 'POST', body: config.value, type: 'application/yaml' });
      location.hash = '#/experiments/' + encodeURIComponent(started.id);
    } catch (x) {
      error.textContent = (x.field ? x.field + ': ' : '') + x.message;
    }
  });
  const list = h('section', { class: 'card' });
  app.append(h('h1', {}, 'Experiments'), h('section', { class: 'card' }, h('h2', {}, 'Submit'), form), h('h2', {}, 'Runs'), list);
  await fill(list, 'experiments', async () => table([
    { title: 'Experiment', cell: e => h('a', { href: '#/experiments/' + encodeURIComponent(e.id) }, e.name || e.id) },
    { title: 'Status', cell: statusBadge },
    { title: 'Sessions', num: true, cell: e => `${e.sessionsDone} / ${e.sessionsTotal}` },
    { title: 'Submitted', cell: e => new Date(e.createdAt).toLocaleString() },
  ], (await api('/api/experiments')).slice().reverse(), 'No experiments yet.'));
}

/** metrics.csv's rows (sweep, point, settings, metric, count, mean, std, stderr, min, max), with each point's swept value. */
export function parseMetrics(text) {
  const lines = text.trim().split('\n').slice(1);
  return lines.map(line => {
    const cells = [];
    let cell = '', quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
    }
    cells.push(cell);
    const [sweep, point, settings, metric, count, mean, std, stderr, min, max] = cells;
    const first = settings.split(';')[0] || '';
    const [xName, xValue] = first.split('=');
    return { sweep, point: Number(point), label: settings || point, metric, count: Number(count), mean: Number(mean), std: Number(std),
      stderr: Number(stderr), min: Number(min), max: Number(max), x: Number(xValue), xName };
  });
}

async function results(id, files) {
  const path = `/api/experiments/${encodeURIComponent(id)}/files/`;
  const out = [];
  if (files.includes('metrics.csv')) {
    const text = await api(path + 'metrics.csv', { as: 'text' });
    const rows = parseMetrics(text);
    const metrics = [...new Set(rows.map(r => r.metric))];
    const chart = h('div', { class: 'chart', id: 'metric-chart' });
    const select = h('select', { id: 'metric', 'aria-label': 'Metric', onchange: e => metricChart(chart, e.target.value, rows.filter(r => r.metric === e.target.value)) },
      metrics.map(m => h('option', { value: m }, m)));
    out.push(h('section', { class: 'card' }, h('h2', {}, 'Plots'),
      h('p', {}, h('label', { for: 'metric' }, 'Metric '), select, ' ',
        h('button', { class: 'secondary', id: 'download-csv', type: 'button', onclick: () => download(`${id}-metrics.csv`, new Blob([text], { type: 'text/csv' })) }, 'Download CSV')),
      chart));
    queueMicrotask(() => metricChart(chart, metrics[0], rows.filter(r => r.metric === metrics[0])));
  }
  if (files.includes('summary.json')) {
    const summary = await api(path + 'summary.json');
    const found = (summary.points || []).flatMap(p => Object.entries(p.audits || {}).map(([group, a]) => ({ point: p, group, ...a,
      mean: p.metrics?.[group + '.auditGain']?.mean })));
    if (found.length) {
      const values = report => h('code', {}, Object.entries(report).map(([k, v]) => `${k}: ${Array.isArray(v) ? '[' + v.map(x => fmt(x, 3)).join(', ') + ']' : fmt(v, 3)}`).join('; '));
      out.push(h('section', { class: 'card', id: 'audits' }, h('h2', {}, 'Incentive audits'),
        h('p', {}, 'Per audited group and point: the largest gain a misreport found over reporting the true type (above zero, lying pays), the misreport itself and the type it was measured against.'),
        table([
          { title: 'Group', cell: a => a.group },
          { title: 'Point', cell: a => Object.entries(a.point.settings || {}).map(([k, v]) => `${k.split('.').pop()}=${v}`).join(', ') || a.point.index },
          { title: 'Mean gain', num: true, cell: a => fmt(a.mean) },
          { title: 'Best gain', num: true, cell: a => h('span', { class: a.gain > 1e-9 ? 'error' : 'ok' }, fmt(a.gain)) },
          { title: 'Family', cell: a => a.family },
          { title: 'Misreport', cell: a => values(a.misreport) },
          { title: 'True type', cell: a => values(a.truth) },
        ], found)));
    }
  }
  out.push(h('section', { class: 'card' }, h('h2', {}, 'Files'), h('ul', {}, files.map(f => h('li', {},
    h('a', { href: '#', onclick: async e => { e.preventDefault(); download(f, await api(path + encodeURIComponent(f), { as: 'blob' })); } }, f))))));
  return out;
}

export async function experimentPage(app, { params: [id], signal }) {
  const path = `/api/experiments/${encodeURIComponent(id)}`;
  const head = h('section', { class: 'card' });
  const body = h('div');
  app.append(h('h1', {}, 'Experiment'), head, body);
  let shown = null;
  for (;;) {
    const e = await api(path);
    const running = e.status === 'queued' || e.status === 'running';
    head.replaceChildren(h('dl', { class: 'facts' },
      h('dt', {}, 'Name'), h('dd', {}, e.name || e.id), h('dt', {}, 'Status'), h('dd', { id: 'experiment-status' }, statusBadge(e)),
      h('dt', {}, 'Progress'), h('dd', {}, h('progress', { max: e.sessionsTotal || 1, value: e.sessionsDone, id: 'experiment-progress' }),
        ` ${e.sessionsDone} / ${e.sessionsTotal} sessions` + (e.queuePosition ? ` · position ${e.queuePosition} in the queue` : ''))),
    e.error ? h('p', { class: 'error' }, e.error) : '',
    running ? h('p', {}, h('button', { class: 'secondary', onclick: async () => { await api(path, { method: 'DELETE' }); } }, 'Cancel')) : '');
    if (!running && shown !== e.status) {
      shown = e.status;
      await fill(body, 'the results', () => results(id, e.files || []));
    }
    if (!running || signal.aborted) return;
    await new Promise(r => setTimeout(r, 1000));
    if (signal.aborted) return;
  }
}
