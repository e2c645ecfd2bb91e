// The native API as the console and the widget use it: JSON in and out, and the session's
// tokens kept in the browser's storage and refreshed quietly before the access token lapses.
// Tokens travel in headers (and the WebSocket's protocol list), never in URLs.

/** An answer the server refused: its HTTP status and the envelope's stable code. */
export class ApiError extends Error {
  constructor(status, error = {}, retryAfter = null) {
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || 'http_' + status;
    this.field = error.field || null;
    this.retryAfter = retryAfter;
  }
}

const REFRESH_MARGIN_MS = 30_000;

export class Api {
  /**
   * @param {object} options
   * @param {string} options.storageKey where this session's tokens live in `storage`
   * @param {Storage} [options.storage] localStorage (survives reloads and other pages of the site)
   */
  constructor({ storageKey, storage = window.localStorage }) {
    this.storageKey = storageKey;
    this.storage = storage;
    this.signedOutHandlers = [];
    this.refreshing = null;
  }

  /** The stored credentials: `{accessToken, refreshToken, expiresAt}` or null. */
  get credentials() {
    try {
      return JSON.parse(this.storage.getItem(this.storageKey) || 'null');
    } catch {
      return null;
    }
  }

  get signedIn() {
    return this.credentials !== null;
  }

  /** Keeps the credentials a login, a chat start or a refresh answered. */
  setCredentials({ accessToken, refreshToken, expiresAt }) {
    this.storage.setItem(this.storageKey, JSON.stringify({ accessToken, refreshToken, expiresAt }));
  }

  clearCredentials() {
    this.storage.removeItem(this.storageKey);
  }

  /** Called once the session is gone (logged out elsewhere, revoked, expired). */
  onSignedOut(handler) {
    this.signedOutHandlers.push(handler);
  }

  /** A fresh access token, refreshing first when it lapses within half a minute. */
  async accessToken() {
    const credentials = this.credentials;
    if (!credentials) throw new ApiError(401, { code: 'unauthenticated', message: 'Not signed in.' });
    if (Date.parse(credentials.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return credentials.accessToken;
    return this.refresh(credentials.refreshToken);
  }

  /**
   * Trades the refresh token for new credentials, once for all callers and, through the Web
   * Locks API, once for all tabs: a tab that waited finds the new tokens already stored.
   */
  refresh(spentToken) {
    if (!this.refreshing) {
      const run = async () => {
        const current = this.credentials;
        if (!current) throw new ApiError(401, { code: 'unauthenticated', message: 'Not signed in.' });
        if (current.refreshToken !== spentToken && Date.parse(current.expiresAt) - Date.now() > REFRESH_MARGIN_MS) {
          return current.accessToken;
        }
        const response = await fetch('/v1/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: current.refreshToken }),
        });
        if (response.status === 401 || response.status === 403) {
          this.signOut();
          throw await errorOf(response);
        }
        if (!response.ok) throw await errorOf(response);
        const fresh = await response.json();
        this.setCredentials(fresh.credentials || fresh);
        return this.credentials.accessToken;
      };
      const locked = navigator.locks ? navigator.locks.request(`parley-refresh:${this.storageKey}`, run) : run();
      this.refreshing = locked.finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Forgets the session here and tells whoever listens. */
  signOut() {
    this.clearCredentials();
    for (const handler of this.signedOutHandlers) handler();
  }

  /**
   * One call. `json` is sent as the body; `form` (a FormData) as multipart; `query` is an
   * object of parameters. Answers the parsed JSON, or null for an empty answer.
   */
  async request(method, path, { json, form, query, signal, auth = true } = {}) {
    const url = withQuery(path, query);
    const send = async (token) => {
      const headers = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      let body;
      if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(json);
      } else if (form) {
        body = form;
      }
      return fetch(url, { method, headers, body, signal });
    };
    let response = await send(auth && this.signedIn ? await this.accessToken() : null);
    if (response.status === 401 && auth && this.signedIn) {
      response = await send(await this.refresh(this.credentials.refreshToken));
    }
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  get(path, query, options = {}) {
    return this.request('GET', path, { ...options, query });
  }

  post(path, json, options = {}) {
    return this.request('POST', path, { ...options, json });
  }

  put(path, json) {
    return this.request('PUT', path, { json });
  }

  patch(path, json) {
    return this.request('PATCH', path, { json });
  }

  delete(path) {
    return this.request('DELETE', path);
  }

  /** A protected file (an attachment) as a Blob, for an object URL. */
  async blob(path) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${await this.accessToken()}` } });
    if (!response.ok) throw await errorOf(response);
    return response.blob();
  }
}

function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(response) {
  let error = {};
  try {
    error = (await response.json()).error || {};
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  return new ApiError(response.status, error, retryAfter);
}
