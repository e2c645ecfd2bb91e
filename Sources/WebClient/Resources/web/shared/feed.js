// The live feed of every chat the signed-in caller may see: a WebSocket that resumes from the
// last cursor it delivered, falling back to long-polling `/v1/sync` where WebSockets do not get
// through. Each event is delivered once, in cursor order, across reconnects and fallbacks.

const POLL_SECONDS = 25;
const MAX_BACKOFF_MS = 15_000;
/** WebSocket attempts that never open before the feed long-polls instead. */
const SOCKET_FAILURES_BEFORE_POLLING = 3;
/** While long-polling, how often a WebSocket is tried again. */
const SOCKET_RETRY_MS = 60_000;

export class Feed {
  /**
   * @param {object} options
   * @param {import('./api.js').Api} options.api
   * @param {number} [options.cursor] the cursor of the last event already shown
   * @param {number|null} [options.visitorRevision] follow visitors on the site too (agents)
   * @param {(event: object) => void} [options.onEvent] each new chat event, once
   * @param {(typing: object) => void} [options.onTyping]
   * @param {(presence: object) => void} [options.onPresence]
   * @param {(visitors: object[]) => void} [options.onVisitors]
   * @param {(status: 'connecting'|'live'|'reconnecting'|'offline') => void} [options.onStatus]
   */
  constructor({ api, cursor = 0, visitorRevision = null, onEvent, onTyping, onPresence, onVisitors, onStatus }) {
    this.api = api;
    this.cursor = cursor;
    this.visitorRevision = visitorRevision;
    this.handlers = { onEvent, onTyping, onPresence, onVisitors, onStatus };
    this.status = 'connecting';
    this.running = false;
    this.socket = null;
    this.failures = 0;
    this.polling = false;
    this.pollAbort = null;
    this.timer = null;
    this.attempt = 0;
    this.onOnline = () => this.reconnectNow();
    this.onOffline = () => this.drop('offline');
  }

  start() {
    if (this.running) return;
    this.running = true;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.connect();
  }

  stop() {
    this.running = false;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.timer);
    this.pollAbort?.abort();
    this.closeSocket();
  }

  /** Tells the other side of `chatId` whether the caller is typing. */
  sendTyping(chatId, typing) {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: 'typing', chatId, typing }));
      return Promise.resolve();
    }
    return this.api.post(`/v1/chats/${encodeURIComponent(chatId)}/typing`, { typing }).catch(() => {});
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.handlers.onStatus?.(status);
  }

  async connect() {
    if (!this.running) return;
    if (!navigator.onLine) {
      this.setStatus('offline');
      return;
    }
    if (this.socket || this.polling) return;
    if (this.failures >= SOCKET_FAILURES_BEFORE_POLLING) {
      this.poll();
      return;
    }
    let token;
    try {
      token = await this.api.accessToken();
    } catch (error) {
      this.retryLater(error);
      return;
    }
    if (!this.running || this.socket) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = new URLSearchParams({ cursor: String(this.cursor) });
    if (this.visitorRevision !== null) query.set('visitorRevision', String(this.visitorRevision));
    const socket = new WebSocket(`${scheme}//${location.host}/v1/ws?${query}`, ['parley', `parley.bearer.${token}`]);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.failures = 0;
      this.attempt = 0;
      this.setStatus('live');
    };
    socket.onmessage = (message) => this.receive(JSON.parse(message.data));
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!opened) this.failures += 1;
      // 4401: the token lapsed or the session ended; the next attempt refreshes or signs out.
      this.retryLater(close.code === 4401 ? 'unauthenticated' : null);
    };
  }

  receive(message) {
    switch (message.type) {
      case 'event':
        this.deliver(message.event);
        break;
      case 'typing':
        this.handlers.onTyping?.(message.typing);
        break;
      case 'presence':
        this.handlers.onPresence?.(message.presence);
        break;
      case 'visitors':
        this.visitorRevision = message.visitorRevision ?? this.visitorRevision;
        this.handlers.onVisitors?.(message.visitors || []);
        break;
      default:
        break;
    }
  }

  /** Passes an event on unless it was delivered already (a replay after a reconnect). */
  deliver(event) {
    if (event.cursor <= this.cursor) return;
    this.cursor = event.cursor;
    this.handlers.onEvent?.(event);
  }

  async poll() {
    if (this.polling || !this.running) return;
    this.polling = true;
    this.setStatus('live');
    const retrySocketAt = Date.now() + SOCKET_RETRY_MS;
    try {
      while (this.running && navigator.onLine && Date.now() < retrySocketAt) {
        this.pollAbort = new AbortController();
        const answer = await this.api.get(
          '/v1/sync',
          { cursor: this.cursor, timeout: POLL_SECONDS, visitorRevision: this.visitorRevision ?? undefined },
          { signal: this.pollAbort.signal },
        );
        for (const event of answer.events) this.deliver(event);
        for (const typing of answer.typing) this.handlers.onTyping?.(typing);
        for (const presence of answer.presence) this.handlers.onPresence?.(presence);
        if (answer.visitors?.length) this.handlers.onVisitors?.(answer.visitors);
        if (answer.visitorRevision != null) this.visitorRevision = answer.visitorRevision;
      }
      this.failures = 0;
      this.polling = false;
      this.connect();
    } catch (error) {
      this.polling = false;
      if (this.running) this.retryLater(error);
    }
  }

  retryLater(reason) {
    if (!this.running) return;
    if (!this.api.signedIn) {
      this.setStatus('offline');
      return;
    }
    this.setStatus(navigator.onLine ? 'reconnecting' : 'offline');
    this.attempt += 1;
    const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempt, 5));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.connect();
    }, backoff / 2 + Math.random() * backoff / 2);
  }

  /** The network is gone: stop waiting on a connection that cannot answer. */
  drop(status) {
    this.closeSocket();
    this.pollAbort?.abort();
    this.setStatus(status);
  }

  reconnectNow() {
    if (!this.running) return;
    this.attempt = 0;
    clearTimeout(this.timer);
    this.closeSocket();
    this.pollAbort?.abort();
    this.connect();
  }

  closeSocket() {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
  }
}
