// Sign-in through the OAuth2 authorization code flow with PKCE (the UI is a public client): the embedded issuer's
// login page, or the OIDC provider's (Keycloak). The token lives in this tab's sessionStorage only.
const KEY = 'agora.token';
const PENDING = 'agora.signin';

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 48) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

async function endpoints() {
  const config = await (await fetch('/api/ui/config')).json();
  if (config.mode === 'local') return { ...config, authorize: config.authorizeUrl, token: config.tokenUrl };
  const discovery = await (await fetch(config.issuer.replace(/\/$/, '') + '/.well-known/openid-configuration')).json();
  return { ...config, authorize: discovery.authorization_endpoint, token: discovery.token_endpoint };
}

function redirectUri() {
  return location.origin + '/ui/';
}

/** Sends the browser to the login page; `back` is the hash to return to. */
export async function signIn(back = location.hash) {
  const e = await endpoints();
  const verifier = randomString();
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, back, token: e.token, clientId: e.clientId }));
  const q = new URLSearchParams({
    response_type: 'code', client_id: e.clientId, redirect_uri: redirectUri(), state,
    code_challenge: await challengeOf(verifier), code_challenge_method: 'S256', scope: 'openid',
  });
  location.assign(e.authorize + '?' + q);
}

/** Redeems the code the login page sent back, if this load is that return. Throws with the reason when it fails. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/ui/' + (pending?.back || '#/markets'));
  if (params.has('error')) throw new Error('Sign-in refused: ' + (params.get('error_description') || params.get('error')));
  if (!pending || pending.state !== params.get('state')) throw new Error('This sign-in was not started here; sign in again.');
  const answer = await fetch(pending.token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: pending.clientId, code_verifier: pending.verifier }),
  });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) throw new Error('Sign-in failed: ' + (body.error_description || body.error || answer.status));
  sessionStorage.setItem(KEY, JSON.stringify({ token: body.access_token, expires: Date.now() + 1000 * (body.expires_in || 300) }));
}

/** The access token, or null when signed out or expired. */
export function token() {
  const held = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  if (!held || held.expires < Date.now() + 5000) return null;
  return held.token;
}

/** Who is signed in: name and roles, read from the token (the gateway checks them; this only chooses what to show). */
export function who() {
  const t = token();
  if (!t) return null;
  const claims = JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const roles = claims.realm_access?.roles || [];
  return { name: claims.preferred_username || claims.azp || claims.sub, client: claims.azp, roles,
    has: (...any) => any.some(r => roles.includes(r)) };
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}
