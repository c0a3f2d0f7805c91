import { api } from '../api.js';
import { h, table, fill, fmt } from '../dom.js';
import { amountsOf, decimalSum } from '../ledger-math.js';

/** The signed-in client's own account; a market's whole ledger is on the market's page (experimenters). */
export async function ledgerPage(app, { user }) {
  const body = h('section', { class: 'card', id: 'my-ledger' });
  app.append(h('h1', {}, 'My ledger'), body);
  await fill(body, 'your ledger', async () => {
    const text = await api('/api/ledger/me', { as: 'text' });
    const entries = JSON.parse(text);
    const balance = decimalSum(amountsOf(text));
    return [h('p', {}, `Your account (${user.name}): ${entries.length} entries, balance ${balance}. `,
        user.has('experimenter', 'admin') ? 'A market\'s whole ledger, with its zero-sum check, is on the market\'s page.' : ''),
      table([
        { title: 'Market', cell: e => h('a', { href: '#/markets/' + encodeURIComponent(e.marketId) }, e.marketId) },
        { title: 'Round', num: true, cell: e => e.round },
        { title: 'Amount', num: true, cell: e => fmt(e.amount, 6) },
        { title: 'When', cell: e => new Date(e.createdAt).toLocaleString() },
      ], entries.slice(-500).reverse(), 'No entries: you have not paid or been paid yet.')];
  });
}
