import { api } from '../api.js';
import { h, table, fill } from '../dom.js';

const PAGE = 50;

/** The latest markets, newest first. */
async function latest() {
  const first = await api('/api/markets?limit=1', { as: 'response' });
  const total = Number(first.headers.get('X-Total-Count') || 0);
  const page = await api(`/api/markets?offset=${Math.max(0, total - PAGE)}&limit=${PAGE}`);
  return { total, markets: page.reverse() };
}

function createForm(mechanisms, onCreated) {
  const error = h('p', { class: 'field-error', role: 'alert' });
  const fields = {
    name: h('input', { name: 'name', value: 'market' }),
    mechanism: h('select', { name: 'mechanism' }, mechanisms.map(m => h('option', { value: m.id }, m.id))),
    seats: h('input', { name: 'seats', type: 'number', value: 2, min: 1 }),
    rounds: h('input', { name: 'rounds', type: 'number', value: 5, min: 0 }),
    deadlineMillis: h('input', { name: 'deadlineMillis', type: 'number', value: 10000, min: 1 }),
    outcomes: h('input', { name: 'outcomes', type: 'number', value: 3, min: 1 }),
    params: h('textarea', { name: 'params', rows: 3, style: 'min-height:4rem', placeholder: '{"lambda": 1.0}' }),
  };
  const label = (name, text) => [h('label', { for: 'new-' + name }, text), Object.assign(fields[name], { id: 'new-' + name })];
  const form = h('form', { class: 'stack', 'aria-label': 'Open a market' },
    h('div', { class: 'grid' }, h('div', {}, label('name', 'Name'), label('mechanism', 'Mechanism'), label('outcomes', 'Outcomes (a uniform reference)')),
      h('div', {}, label('seats', 'Seats'), label('rounds', 'Rounds (0: until closed)'), label('deadlineMillis', 'Round deadline (ms)'))),
    label('params', 'Mechanism parameters (JSON, optional)'), error, h('p', {}, h('button', { type: 'submit' }, 'Open market')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.textContent = '';
    let params;
    try {
      params = fields.params.value.trim() ? JSON.parse(fields.params.value) : undefined;
    } catch (x) {
      error.textContent = 'params: not valid JSON (' + x.message + ')';
      return;
    }
    const body = { name: fields.name.value, mechanism: fields.mechanism.value, params,
      reference: Array(Number(fields.outcomes.value) || 0).fill(1),
      seats: Number(fields.seats.value), rounds: Number(fields.rounds.value), deadlineMillis: Number(fields.deadlineMillis.value) };
    try {
      const market = await api('/api/markets', { method: 'POST', body });
      onCreated(market);
    } catch (x) {
      error.textContent = (x.field ? x.field + ': ' : '') + x.message;
    }
  });
  return h('section', { class: 'card' }, h('h2', {}, 'Open a market'), form);
}

export async function marketsPage(app, { user }) {
  const list = h('section', { class: 'card' });
  app.append(h('h1', {}, 'Markets'));
  if (user.has('experimenter', 'admin')) {
    const mechanisms = await api('/api/mechanisms');
    app.append(createForm(mechanisms, market => { location.hash = '#/markets/' + encodeURIComponent(market.id); }));
  }
  app.append(list);
  await fill(list, 'markets', async () => {
    const { total, markets } = await latest();
    return [h('p', { class: 'state' }, total > PAGE ? `The latest ${PAGE} of ${total} markets.` : `${total} market${total === 1 ? '' : 's'}.`),
      table([
        { title: 'Market', cell: m => h('a', { href: '#/markets/' + encodeURIComponent(m.id) }, m.name || m.id) },
        { title: 'Mechanism', cell: m => m.mechanism },
        { title: 'Phase', cell: m => h('span', { class: 'badge ' + m.phase }, m.phase) },
        { title: 'Round', num: true, cell: m => m.rounds ? `${m.round} / ${m.rounds}` : m.round },
        { title: 'Seats', num: true, cell: m => `${m.seated} / ${m.seats}` },
        { title: 'Owner', cell: m => m.owner },
      ], markets, 'No markets yet.' + (user.has('experimenter', 'admin') ? ' Open one above.' : ''))];
  });
}
