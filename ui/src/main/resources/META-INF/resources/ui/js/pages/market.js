import { api, follow } from '../api.js';
import { h, table, fill, fmt } from '../dom.js';
import { policyCharts } from '../charts.js';
import { amountsOf, decimalSum } from '../ledger-math.js';

function facts(m) {
  const rows = [['Id', m.id], ['Mechanism', m.mechanism], ['Phase', h('span', { class: 'badge ' + m.phase }, m.phase)],
    ['Round', m.rounds ? `${m.round} of ${m.rounds}` : `${m.round} (no limit)`], ['Seats', `${m.seated} of ${m.seats} taken`],
    ['Round deadline', `${m.deadlineMillis} ms`], ['Owner', m.owner]];
  if (m.budget != null) rows.push(['Budget', fmt(m.budget)]);
  if (m.prompt) rows.push(['Prompt', m.prompt]);
  return h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function leaderboard(rows) {
  return table([
    { title: 'Rank', num: true, cell: r => r.rank },
    { title: 'Bot', cell: r => r.bot },
    { title: 'Rounds', num: true, cell: r => r.rounds },
    { title: 'Missed', num: true, cell: r => r.missed },
    { title: 'Total utility', num: true, cell: r => fmt(r.totalUtility) },
    { title: 'Paid', num: true, cell: r => fmt(r.totalPayment) },
    { title: 'Honesty gap', num: true, cell: r => honesty(r.honestyGap) },
  ], rows, 'No settled round yet.');
}

/** A gap with its meaning: above zero, lying paid. */
export function honesty(gap) {
  if (gap === null || gap === undefined) return '—';
  return h('span', { class: gap > 1e-9 ? 'error' : 'ok', title: gap > 1e-9 ? 'lying paid this much' : 'honesty was at least as good' }, fmt(gap));
}

async function ledgerCard(id) {
  const text = await api(`/api/markets/${encodeURIComponent(id)}/ledger`, { as: 'text' });
  const entries = JSON.parse(text);
  const sum = decimalSum(amountsOf(text));
  return [h('p', { class: sum === '0' ? 'ok zero-sum' : 'error zero-sum' },
      sum === '0' ? `The ${entries.length} entries sum to exactly 0.` : `The entries sum to ${sum}, not 0.`),
    table([
      { title: 'Round', num: true, cell: e => e.round },
      { title: 'Account', cell: e => e.account },
      { title: 'Amount', num: true, cell: e => fmt(e.amount, 6) },
    ], entries.slice(-200), 'No entries yet.')];
}

/** The signed-in bot's own results, latest rounds first: only its own seat, as the API serves it. */
async function myResults(id, rounds) {
  try {
    await api(`/api/markets/${encodeURIComponent(id)}/rounds/current`); // 404 unless the bot holds a seat here
  } catch (e) {
    if (e.status === 404) return h('p', { class: 'state empty' }, 'You have no seat in this market.');
    throw e;
  }
  const settled = rounds.slice(-20).reverse();
  const results = [];
  for (const r of settled) {
    results.push(await api(`/api/markets/${encodeURIComponent(id)}/rounds/${r.round}/result`));
  }
  return table([
    { title: 'Round', num: true, cell: r => r.round },
    { title: 'Status', cell: r => r.status },
    { title: 'Missed', cell: r => (r.missed ? 'yes' : 'no') },
    { title: 'Value', num: true, cell: r => fmt(r.value) },
    { title: 'Paid', num: true, cell: r => fmt(r.payment) },
    { title: 'Utility', num: true, cell: r => fmt(r.utility) },
    { title: 'Honesty gap', num: true, cell: r => honesty(r.honestyGap) },
  ], results, 'No settled round yet.');
}

export async function marketPage(app, { user, params: [id], signal }) {
  const path = `/api/markets/${encodeURIComponent(id)}`;
  let market = await api(path);
  const info = h('section', { class: 'card' });
  const live = h('p', { class: 'live', role: 'status' }, 'Connecting to the live stream…');
  const log = h('ol', { class: 'events', id: 'events', reversed: true });
  const note = text => {
    live.textContent = text;
    log.prepend(h('li', {}, `${new Date().toLocaleTimeString()} · ${text}`));
    while (log.children.length > 12) log.lastChild.remove();
  };
  const lineEl = h('div', { class: 'chart', id: 'policy-rounds' });
  const barEl = h('div', { class: 'chart', id: 'policy-latest' });
  const board = h('section', { class: 'card', id: 'leaderboard' });
  const mine = h('section', { class: 'card', id: 'my-results' });
  const ledger = h('section', { class: 'card', id: 'market-ledger' });
  const privileged = user.has('experimenter', 'admin');
  app.append(h('h1', {}, market.name || market.id), info,
    h('section', { class: 'card' }, h('h2', {}, 'Live'), live, h('div', { class: 'grid' }, lineEl, barEl), log));
  if (user.has('bot')) app.append(h('h2', {}, 'Your results'), mine);
  app.append(h('h2', {}, 'Leaderboard'), board);
  if (privileged) app.append(h('h2', {}, 'Ledger'), ledger);

  let rounds = [];
  const refresh = async () => {
    market = await api(path);
    info.replaceChildren(facts(market), ...(privileged && !['finished', 'closed'].includes(market.phase)
      ? [h('p', {}, h('button', { class: 'secondary', onclick: async () => { await api(path + '/close', { method: 'POST' }); refresh(); } }, 'Close market'))]
      : []));
    rounds = await api(path + '/rounds?last=200');
    policyCharts(lineEl, barEl, market.outcomes || [], rounds);
    fill(board, 'the leaderboard', async () => {
      try {
        return leaderboard(await api(path + '/leaderboard'));
      } catch (e) {
        if (e.status === 403) return h('p', { class: 'state empty' }, 'Published when the market finishes; your own results are above.');
        throw e;
      }
    });
    if (user.has('bot')) fill(mine, 'your results', () => myResults(id, rounds));
    if (privileged) fill(ledger, 'the ledger', () => ledgerCard(id));
  };
  await refresh();
  if (['finished', 'closed'].includes(market.phase)) {
    live.textContent = `The market has ${market.phase}.`;
    return;
  }
  live.textContent = `Round ${market.round}: ${market.phase}.`;
  follow(path + '/events', async event => {
    if (event.type === 'round-opened') {
      note(`Round ${event.round} is collecting reports until ${new Date(event.deadline).toLocaleTimeString()}.`);
    } else if (event.type === 'round-cleared' || event.type === 'round-failed') {
      note(`Round ${event.round} ${event.type === 'round-cleared' ? 'cleared' : 'failed'}.`);
      await refresh();
    } else if (event.type === 'market-finished' || event.type === 'market-closed') {
      note(`The market has ${event.type === 'market-finished' ? 'finished' : 'closed'}.`);
      await refresh();
    }
  }, signal).catch(e => { if (!signal.aborted) live.textContent = 'The live stream stopped: ' + e.message; });
}
