// The public API, same origin: bearer tokens kept for this tab only, one refresh at a time on a 401.
const SESSION = 'jobswipe.session';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = {
  get() {
    const text = sessionStorage.getItem(SESSION);
    return text ? JSON.parse(text) : null;
  },
  set(value) {
    sessionStorage.setItem(SESSION, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(SESSION);
  },
};

let refreshing = null;
let askPassword = async () => null;

/** Who asks the person for their password when the API wants a step-up (answers the password, or null if declined). */
export function onStepUp(ask) {
  askPassword = ask;
}

/** A sensitive act needs the password entered within the last minutes: ask for it once and renew the access token. */
async function stepUp() {
  const password = await askPassword();
  if (!password) {
    return false;
  }
  const res = await fetch('/v1/auth/step-up', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.get().accessToken}` },
    body: JSON.stringify({ password }),
  });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({ title: res.statusText }));
    throw new ApiError(res.status, problem);
  }
  const fresh = await res.json();
  session.set({ ...session.get(), accessToken: fresh.accessToken });
  return true;
}

function isStepUpRequired(problem) {
  return typeof problem.type === 'string' && problem.type.endsWith('step-up-required');
}

async function refresh() {
  const current = session.get();
  if (!current || !current.refreshToken) {
    return false;
  }
  refreshing ??= fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: current.refreshToken }),
  }).then(async (res) => {
    if (!res.ok) {
      session.clear();
      return false;
    }
    const next = await res.json();
    session.set({ ...current, ...next });
    return true;
  }).finally(() => { refreshing = null; });
  return refreshing;
}

/** Calls the API; JSON bodies as objects, uploads as FormData. Answers parsed JSON (null for 204). */
export async function api(method, path, body, { raw = false } = {}) {
  const send = () => {
    const headers = {};
    const current = session.get();
    if (current && current.accessToken) {
      headers.Authorization = `Bearer ${current.accessToken}`;
    }
    let payload;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return fetch(path, { method, headers, body: payload });
  };
  let res = await send();
  if (res.status === 401 && !path.startsWith('/v1/auth/') && await refresh()) {
    res = await send();
  }
  if (res.status === 403 && session.get()) {
    const problem = await res.clone().json().catch(() => ({}));
    if (isStepUpRequired(problem) && await stepUp()) {
      res = await send();
    }
  }
  if (!res.ok) {
    const problem = await res.json().catch(() => ({ title: res.statusText }));
    if (res.status === 401 && !path.startsWith('/v1/auth/')) {
      session.clear();
      window.dispatchEvent(new Event('jobswipe:signed-out'));
    }
    throw new ApiError(res.status, problem);
  }
  if (raw) {
    return res;
  }
  return res.status === 204 ? null : res.json();
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);
export { refresh };
