import { api } from '../api.js';
import { h, table, fill } from '../dom.js';

function parameters(list) {
  return table([
    { title: 'Parameter', cell: p => p.name },
    { title: 'Type', cell: p => p.type + (p.choices ? `: ${p.choices.join(' | ')}` : '') },
    { title: 'Default', cell: p => (p.defaultValue === undefined ? '—' : JSON.stringify(p.defaultValue)) },
    { title: 'Range', cell: p => (p.minimum != null || p.maximum != null ? `${p.minimum ?? ''} … ${p.maximum ?? ''}` : '') },
    { title: 'Meaning', cell: p => h('span', { style: 'white-space:normal' }, p.description) },
  ], list, 'No parameters.');
}

function report(components) {
  return table([
    { title: 'Report field', cell: c => c.name },
    { title: 'Kind', cell: c => c.kind + (c.unit ? ` (${c.unit})` : '') },
    { title: 'Meaning', cell: c => h('span', { style: 'white-space:normal' }, c.description) },
    { title: 'Rules', cell: c => h('span', { style: 'white-space:normal' }, (c.required ? '' : 'optional; ') + (c.rule || '')) },
  ], components, 'Not available with the default parameters.');
}

function entry(x, extra = []) {
  return h('details', { class: 'card' }, h('summary', {}, h('strong', {}, x.id), ` — ${x.description} `, h('span', { class: 'badge' }, x.plugin)),
    h('h3', {}, 'Parameters'), parameters(x.parameters), extra);
}

export async function pluginsPage(app) {
  const [mech, strat, models] = [h('div', { id: 'mechanisms' }), h('div', { id: 'strategies' }), h('div', { id: 'models' })];
  app.append(h('h1', {}, 'Plugins'), h('h2', {}, 'Mechanisms'), mech, h('h2', {}, 'Strategies'), strat, h('h2', {}, 'Language models'), models);
  await Promise.all([
    fill(mech, 'mechanisms', async () => (await api('/api/mechanisms')).map(m => entry(m, [h('h3', {}, 'Report'), report(m.report)]))),
    fill(strat, 'strategies', async () => (await api('/api/strategies')).map(s => entry(s))),
    fill(models, 'models', async () => (await api('/api/models')).map(m => entry(m))),
  ]);
}
