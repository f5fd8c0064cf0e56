// Sign-in with a provider (Google, LinkedIn, whatever this server lists). Before leaving for the provider the tab
// makes a secret (the verifier) and sends only its SHA-256 (the app_challenge); the one-time code the sign-in ends
// with is worthless without the secret, which never leaves this tab's sessionStorage until the exchange.
import { h } from './dom.js';

const VERIFIER = 'jobswipe.oauth.verifier';

function base64url(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The providers this server is configured for; none when it has none, or cannot say. */
async function providers() {
  try {
    const res = await fetch('/v1/auth/oauth/providers', { headers: { Accept: 'application/json' } });
    if (!res.ok) {
      return [];
    }
    const body = await res.json();
    return (body.providers || []).filter((p) => typeof p.startUrl === 'string' && p.startUrl.startsWith('/v1/'));
  } catch {
    return [];
  }
}

/** Leaves for the provider: the S256 challenge of a fresh verifier goes along, the verifier stays in this tab. */
async function start(provider) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  let url = provider.startUrl;
  // crypto.subtle exists only in secure contexts (https, or localhost); elsewhere the flow runs without a challenge,
  // which the API allows: the code is then bound to the browser that started the flow, not to this tab.
  if (crypto.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(VERIFIER, verifier);
    url += `${url.includes('?') ? '&' : '?'}app_challenge=${base64url(digest)}`;
  } else {
    sessionStorage.removeItem(VERIFIER);
  }
  location.assign(url);
}

/** The verifier of the sign-in this tab started, once: a code is exchanged at most once. */
export function takeVerifier() {
  const verifier = sessionStorage.getItem(VERIFIER);
  sessionStorage.removeItem(VERIFIER);
  return verifier;
}

/** "Continue with …" buttons for each configured provider, or null when there is none. */
export async function providerButtons() {
  const list = await providers();
  if (list.length === 0) {
    return null;
  }
  return h('div', { class: 'providers', role: 'group', 'aria-label': 'Other ways to sign in' },
    h('p', { class: 'hint' }, 'Or use an account you already have:'),
    ...list.map((provider) => {
      const button = h('button', { type: 'button', class: 'secondary', 'data-provider': provider.id },
        `Continue with ${provider.name}`);
      button.addEventListener('click', () => {
        button.disabled = true;
        start(provider).catch(() => { button.disabled = false; });
      });
      return button;
    }));
}
