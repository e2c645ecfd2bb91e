// The widget's frame: the launcher (with its unread badge), the panel it opens, the invitation
// teaser beside it, and the connection banner. It tells the loader how big the frame must be,
// keeps focus inside the open panel, and closes on Esc, handing focus back to the launcher.

import { byId } from '/shared/dom.js';

const PANEL_WIDTH = 400;
const PANEL_HEIGHT = 640;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export class Shell {
  constructor({ bridge, t }) {
    this.bridge = bridge;
    this.t = t;
    this.panel = byId('panel');
    this.launcher = byId('launcher');
    this.badge = byId('badge');
    this.teaser = byId('teaser');
    this.connection = byId('connection');
    this.isOpen = false;
    this.listeners = { open: [], close: [] };
    this.launcher.addEventListener('click', () => this.open());
    byId('close').addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.report()).observe(this.teaser);
  }

  on(name, listener) {
    this.listeners[name].push(listener);
  }

  open() {
    if (this.isOpen) return;
    this.isOpen = true;
    document.body.classList.add('is-open');
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.report();
    for (const listener of this.listeners.open) listener();
    requestAnimationFrame(() => this.focusFirst());
  }

  close() {
    if (!this.isOpen) return;
    this.isOpen = false;
    document.body.classList.remove('is-open');
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.report();
    this.launcher.focus();
    for (const listener of this.listeners.close) listener();
  }

  /** Puts focus on the view's preferred field, else the first control of the panel. */
  focusFirst() {
    const preferred = this.panel.querySelector('[data-autofocus]:not([disabled])');
    (preferred || this.panel.querySelector(FOCUSABLE))?.focus();
  }

  onKey(event) {
    if (!this.isOpen) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Tab') {
      this.trapFocus(event);
    }
  }

  /** Tab past the last control comes back to the first, Shift+Tab before the first goes to the last. */
  trapFocus(event) {
    const controls = [...this.panel.querySelectorAll(FOCUSABLE)].filter((node) => node.offsetParent !== null);
    if (!controls.length) return;
    const first = controls[0];
    const last = controls[controls.length - 1];
    const inside = this.panel.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  /** The frame's size: a panel when open, else just the launcher and the teaser above it. */
  report() {
    if (this.isOpen) {
      this.bridge.layout(true, PANEL_WIDTH, PANEL_HEIGHT);
      return;
    }
    const launcher = this.launcher.getBoundingClientRect();
    const teaser = this.teaser.hidden ? { width: 0, height: 0 } : this.teaser.getBoundingClientRect();
    const margin = 16;
    this.bridge.layout(false, Math.max(launcher.width, teaser.width) + 2 * margin + 8, launcher.height + teaser.height + 3 * margin + 8);
  }

  setUnread(count) {
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 9 ? '9+' : String(count);
    // The name stays "Open chat"; the count is the launcher's description.
    byId('unread-description').textContent = count ? this.t('unread', { count }) : '';
  }

  /** Shows or hides the invitation bubble (a node, or null). */
  setTeaser(node) {
    this.teaser.replaceChildren(...(node ? [node] : []));
    this.teaser.hidden = !node;
    this.report();
  }

  /** 'live' hides the banner; 'reconnecting' and 'offline' show it. */
  setConnection(status) {
    const lost = status === 'reconnecting' || status === 'offline';
    this.connection.hidden = !lost;
    this.connection.textContent = lost ? this.t(status === 'offline' ? 'offline' : 'reconnecting') : '';
    document.body.classList.toggle('is-disconnected', lost);
  }
}
