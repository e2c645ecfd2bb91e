// The visitor's input under the log: the "Message" field, "Send", the attach button (when the
// server takes files), and the visitor's own typing sent to the agent, at most every few seconds.

import { h } from '/shared/dom.js';
import { acceptFiles } from './attachments.js';

const TYPING_RENEW_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

export class Composer {
  /**
   * @param {object} options
   * @param {(text: string) => void} options.onSend
   * @param {(file: File) => void} options.onFile
   * @param {(typing: boolean) => void} options.onTyping
   */
  constructor({ t, onSend, onFile, onTyping }) {
    this.t = t;
    this.onTyping = onTyping;
    this.typingSentAt = 0;
    this.idleTimer = null;
    this.input = h('textarea', {
      id: 'message', name: 'message', rows: 1, maxlength: 4000, required: true, 'data-autofocus': true,
      placeholder: t('messagePlaceholder'), 'aria-label': t('message'),
      oninput: () => this.typed(), onkeydown: (event) => this.onKey(event),
    });
    this.fileInput = h('input', {
      type: 'file', class: 'visually-hidden', tabindex: -1, 'aria-hidden': 'true', multiple: true,
      onchange: () => {
        for (const file of this.fileInput.files) onFile(file);
        this.fileInput.value = '';
      },
    });
    this.attachButton = h(
      'button',
      { type: 'button', class: 'icon-button attach', 'aria-label': t('attach'), title: t('attach'), hidden: true, onclick: () => this.fileInput.click() },
      clip(),
    );
    this.error = h('p', { class: 'composer-error', role: 'alert', hidden: true });
    this.form = h(
      'form',
      { class: 'composer', novalidate: true, onsubmit: (event) => this.submit(event, onSend) },
      this.attachButton,
      this.fileInput,
      this.input,
      h('button', { type: 'submit', class: 'send' }, t('send')),
    );
    this.element = h('div', { class: 'composer-area' }, this.error, this.form);
    acceptFiles(this.element, onFile);
  }

  /** Shows the attach button once the server is known to take files. */
  allowFiles(allowed) {
    this.attachButton.hidden = !allowed;
  }

  showError(message) {
    this.error.textContent = message || '';
    this.error.hidden = !message;
  }

  onKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.form.requestSubmit();
    }
  }

  submit(event, onSend) {
    event.preventDefault();
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.stopTyping();
    this.showError('');
    onSend(text);
  }

  typed() {
    clearTimeout(this.idleTimer);
    if (!this.input.value.trim()) {
      this.stopTyping();
      return;
    }
    if (Date.now() - this.typingSentAt > TYPING_RENEW_MS) {
      this.typingSentAt = Date.now();
      this.onTyping(true);
    }
    this.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.idleTimer);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    this.onTyping(false);
  }
}

function clip() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M16 7l-7.5 7.5a2 2 0 0 0 3 3L19 10a4 4 0 0 0-6-6l-7.5 7.5a6 6 0 0 0 8.5 8.5L20 14');
  svg.append(path);
  return svg;
}
