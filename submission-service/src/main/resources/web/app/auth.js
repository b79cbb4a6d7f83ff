// Sign-in: OpenID Connect authorization code with PKCE (S256), done in the browser against the configured
// issuer. The access token lives in sessionStorage (gone when the tab closes) and is sent as a bearer token to
// both services, which accept only tokens from their configured issuer.
const TOKEN = 'lectern.token';
const ID_TOKEN = 'lectern.idToken';
const PENDING = 'lectern.pkce';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OpenID discovery failed: ${response.status}`);
  return response.json();
}

function redirectUri() {
  return `${location.origin}/`;
}

export function claims() {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  try {
    const payload = JSON.parse(decodeURIComponent(escape(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))));
    if (payload.exp && payload.exp * 1000 < Date.now()) {
      dropToken();
      return null;
    }
    return payload;
  } catch (e) {
    return null;
  }
}

export function currentToken() {
  return claims() ? sessionStorage.getItem(TOKEN) : null;
}

export function dropToken() {
  sessionStorage.removeItem(TOKEN);
}

/** The caller's roles from the groups claim: organizer, reviewer, speaker, or organizer:<event> and the like. */
export function roles() {
  const c = claims();
  return c && Array.isArray(c.groups) ? c.groups : [];
}

export function hasRole(role) {
  return roles().some((g) => g === role || g.startsWith(`${role}:`));
}

export async function signIn(oidc) {
  const provider = await discovery(oidc.issuer);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash || '#/' }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope || 'openid profile email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
}

/** Completes a sign-in when the provider sent the browser back with ?code=...&state=...; true if it did. */
export async function completeSignIn(oidc) {
  const params = new URLSearchParams(location.search);
  if (!oidc || !params.has('state')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `/${pending ? pending.returnTo : '#/'}`);
  if (!pending || pending.state !== params.get('state') || !params.has('code')) {
    throw new Error(params.get('error_description') || params.get('error') || 'sign-in was not completed');
  }
  const provider = await discovery(oidc.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: redirectUri(),
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  const tokens = await response.json();
  sessionStorage.setItem(TOKEN, tokens.access_token);
  if (tokens.id_token) sessionStorage.setItem(ID_TOKEN, tokens.id_token);
  return true;
}

/** The local stack's sign-in: a token from ./lectern token, pasted. Only offered when no provider is configured. */
export function useLocalToken(token) {
  sessionStorage.setItem(TOKEN, token.trim());
  if (!claims()) {
    dropToken();
    throw new Error('not a valid, unexpired token');
  }
}

export async function signOut(oidc) {
  const idToken = sessionStorage.getItem(ID_TOKEN);
  dropToken();
  sessionStorage.removeItem(ID_TOKEN);
  if (!oidc) return;
  const provider = await discovery(oidc.issuer).catch(() => null);
  if (provider && provider.end_session_endpoint) {
    const url = new URL(provider.end_session_endpoint);
    url.search = new URLSearchParams({
      client_id: oidc.clientId,
      post_logout_redirect_uri: redirectUri(),
      ...(idToken ? { id_token_hint: idToken } : {}),
    }).toString();
    location.assign(url.toString());
  }
}
