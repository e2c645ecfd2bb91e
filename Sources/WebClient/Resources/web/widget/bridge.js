// The widget's only line to the host page: postMessage with the loader (`/widget.js`) in the
// page that frames this one. Every message in is checked to come from that window and from the
// host origin the loader named; every message out is addressed to that origin alone.

/** The host page's origin, as the loader gave it, when the browser confirms it frames us. */
function hostOrigin() {
  const named = new URLSearchParams(location.search).get('host');
  let origin;
  try {
    origin = new URL(named).origin;
  } catch {
    return null;
  }
  // Chromium and Safari tell which origin frames this page: a wrong `host` is refused.
  const framer = location.ancestorOrigins?.[0];
  if (framer && framer !== origin) return null;
  return window.parent !== window ? origin : null;
}

export class HostBridge {
  constructor() {
    this.origin = hostOrigin();
    this.handlers = {};
    this.hostPage = new Promise((resolve) => {
      this.resolveHost = resolve;
    });
    window.addEventListener('message', (event) => this.receive(event));
  }

  /** Whether the widget runs framed by a site (rather than opened on its own). */
  get framed() {
    return this.origin !== null;
  }

  /** `handler(name, value)` for `Parley('open')` and the other calls the site makes. */
  onCommand(handler) {
    this.handlers.command = handler;
  }

  /** Asks the loader for the page; answers `{page, commands}`, or a stand-in when not framed. */
  start() {
    if (!this.framed) {
      this.resolveHost({ page: { url: location.href, title: document.title, referrer: '' }, commands: [] });
    } else {
      this.post({ type: 'ready' });
    }
    return this.hostPage;
  }

  receive(event) {
    if (!this.framed || event.source !== window.parent || event.origin !== this.origin) return;
    const data = event.data;
    if (!data || data.parley !== 1) return;
    if (data.type === 'host') {
      this.resolveHost({ page: data.page || {}, commands: Array.isArray(data.commands) ? data.commands : [] });
    } else if (data.type === 'placed') {
      // Full screen on phones: the panel drops its margins and corners.
      document.body.classList.toggle('is-phone', data.phone === true);
    } else if (data.type === 'command') {
      this.handlers.command?.(data.name, data.value);
    }
  }

  /** Tells the loader how big the frame must be. */
  layout(open, width, height) {
    this.post({ type: 'layout', open, width: Math.ceil(width), height: Math.ceil(height) });
  }

  /** Hands `chatStarted`, `chatEnded` or `message` to the site's `Parley('on', ...)` listeners. */
  emit(name, detail) {
    this.post({ type: 'event', name, detail });
  }

  post(message) {
    if (this.framed) window.parent.postMessage({ ...message, parley: 1 }, this.origin);
  }
}
