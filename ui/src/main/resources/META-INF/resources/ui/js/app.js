// The web UI's shell: sign-in, navigation by the URL's hash, and which pages each role sees.
import { completeSignIn, signIn, signOut, who } from './auth.js';
import { h, failed } from './dom.js';
import { marketsPage } from './pages/markets.js';
import { marketPage } from './pages/market.js';
import { laddersPage } from './pages/ladders.js';
import { ledgerPage } from './pages/ledger.js';
import { pluginsPage } from './pages/plugins.js';
import { experimentsPage, experimentPage } from './pages/experiments.js';

const routes = [
  [/^#\/markets\/([\w.:-]+)$/, marketPage],
  [/^#\/markets$/, marketsPage],
  [/^#\/ladders(?:\/([\w.-]+))?$/, laddersPage],
  [/^#\/ledger$/, ledgerPage],
  [/^#\/plugins$/, pluginsPage],
  [/^#\/experiments\/([\w.:-]+)$/, experimentPage, ['experimenter', 'admin']],
  [/^#\/experiments$/, experimentsPage, ['experimenter', 'admin']],
];

let leaving = null; // aborts the page being left (its streams and timers)

function header(user) {
  document.querySelectorAll('nav a').forEach(a => {
    const roles = a.dataset.roles?.split(' ');
    a.hidden = !!roles && !user?.has(...roles);
    a.classList.toggle('active', location.hash.startsWith(a.getAttribute('href')));
  });
  const box = document.querySelector('.who');
  box.replaceChildren(...(user
    ? [h('span', {}, `${user.name} · ${user.roles.join(', ')}`),
       h('button', { class: 'secondary', onclick: () => { signOut(); render(); } }, 'Sign out')]
    : [h('button', { onclick: () => signIn() }, 'Sign in')]));
}

async function render() {
  leaving?.abort();
  leaving = new AbortController();
  const app = document.getElementById('app');
  const user = who();
  if (!location.hash || location.hash === '#/') history.replaceState(null, '', '#/markets');
  header(user);
  if (!user) {
    app.replaceChildren(h('section', { class: 'card' }, h('h1', {}, 'Agora'),
      h('p', {}, 'Markets in which bots steer what a language model replies or how it is fine-tuned, with payments that make honest reports the best strategy.'),
      h('p', {}, 'Sign in to watch markets, read ladders and honesty gaps, and run experiments.'),
      h('button', { onclick: () => signIn() }, 'Sign in')));
    return;
  }
  for (const [pattern, page, roles] of routes) {
    const match = location.hash.match(pattern);
    if (!match) continue;
    if (roles && !user.has(...roles)) {
      app.replaceChildren(failed(new Error('This page is for experimenters and admins.')));
      return;
    }
    app.replaceChildren();
    try {
      await page(app, { user, params: match.slice(1).map(p => p && decodeURIComponent(p)), signal: leaving.signal });
    } catch (e) {
      app.replaceChildren(failed(e));
    }
    return;
  }
  app.replaceChildren(failed(new Error('No such page.')), h('a', { href: '#/markets' }, 'Markets'));
}

document.querySelector('.menu').addEventListener('click', e => {
  const nav = document.querySelector('nav');
  nav.classList.toggle('open');
  e.currentTarget.setAttribute('aria-expanded', nav.classList.contains('open'));
});
addEventListener('hashchange', () => { document.querySelector('nav').classList.remove('open'); render(); });
addEventListener('agora:signed-out', () => { signOut(); render(); });

completeSignIn().then(render, e => {
  render().then(() => document.getElementById('app').prepend(failed(e)));
});
