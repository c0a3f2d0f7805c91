import { api } from '../api.js';
import { h, table, fill, fmt } from '../dom.js';
import { ladderChart } from '../charts.js';
import { honesty } from './market.js';

export async function laddersPage(app, { params: [mechanism] }) {
  const mechanisms = await api('/api/mechanisms');
  const chosen = mechanism || mechanisms[0]?.id;
  const picker = h('select', { id: 'ladder-mechanism', 'aria-label': 'Mechanism',
    onchange: e => { location.hash = '#/ladders/' + encodeURIComponent(e.target.value); } },
  mechanisms.map(m => h('option', { value: m.id, selected: m.id === chosen }, m.id)));
  const body = h('div');
  app.append(h('h1', {}, 'Ladders'), h('section', { class: 'card' },
    h('p', {}, 'Every bot of a mechanism\'s finished markets, rated by a Bradley–Terry fit: within a market, each pair of bots is a game won by the higher total utility. ',
      'The honesty gap is the utility a bot gained over reporting its true type, summed over its rounds: above zero, lying paid.'),
    h('label', { for: 'ladder-mechanism' }, 'Mechanism '), picker), body);
  if (!chosen) {
    body.append(h('p', { class: 'state empty' }, 'No mechanism is installed.'));
    return;
  }
  await fill(body, 'the ladder', async () => {
    const ladder = await api('/api/ladders/' + encodeURIComponent(chosen));
    if (!ladder.rows.length) return h('section', { class: 'card' }, h('p', { class: 'state empty' }, `No market of ${chosen} has finished yet.`));
    const chart = h('div', { class: 'chart', id: 'ladder-chart', style: `height:${Math.max(240, 40 + 28 * ladder.rows.length)}px` });
    const card = h('section', { class: 'card' },
      h('p', {}, `${ladder.rows.length} bots, ${ladder.markets} finished markets, ${ladder.games} games.`),
      table([
        { title: 'Rank', num: true, cell: r => r.rank },
        { title: 'Bot', cell: r => r.bot },
        { title: 'Strength', num: true, cell: r => fmt(r.strength, 3) },
        { title: '95% interval', num: true, cell: r => `${fmt(r.low, 3)} … ${fmt(r.high, 3)}` },
        { title: 'Markets', num: true, cell: r => r.markets },
        { title: 'W / L / T', num: true, cell: r => `${r.wins} / ${r.losses} / ${r.ties}` },
        { title: 'Honesty gap', num: true, cell: r => honesty(r.honestyGap) },
      ], ladder.rows), chart);
    queueMicrotask(() => ladderChart(chart, ladder.rows));
    return card;
  });
}
