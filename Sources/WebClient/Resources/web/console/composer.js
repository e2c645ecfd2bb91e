// Writing to the visitor, or a note for agents only: Enter sends, Shift+Enter breaks the line.
// Typing notices go out while the agent types; canned responses come in by `/shortcut` or
// by Ctrl+/ (see canned.js).
import { h } from '/shared/dom.js';
import { CannedPicker } from '/console/canned.js';
import { errorText } from '/console/errors.js';

/** Typing notices are renewed this often while the agent keeps typing (the server lets one lapse after 6 s). */
const TYPING_RENEW_MS = 3000;
const TYPING_IDLE_MS = 4000;

export class Composer {
  constructor(ctx, chatId) {
    this.ctx = ctx;
    this.chatId = chatId;
    const { t } = ctx;
    const id = `composer-${chatId}`;
    this.input = h('textarea', { id, rows: '3', class: 'composer-input', 'aria-label': t('composer.message'),
      placeholder: t('composer.placeholder'), 'aria-autocomplete': 'list', maxlength: '4000' });
    this.noteBox = h('input', { type: 'checkbox', id: `${id}-note` });
    this.send = h('button', { type: 'submit', class: 'primary' }, t('composer.send'));
    this.canned = new CannedPicker(ctx, this.input, () => ctx.store.get(chatId)?.chat.departmentId);
    this.node = h('form', { class: 'composer', onsubmit: (event) => { event.preventDefault(); this.submit(); } },
      this.canned.node,
      this.input,
      h('div', { class: 'composer-row' },
        h('label', { for: `${id}-note`, class: 'note-toggle' }, this.noteBox, t('composer.note')),
        h('span', { class: 'muted small' }, t('composer.hint')),
        this.send));
    this.input.addEventListener('keydown', (event) => this.key(event));
    this.input.addEventListener('input', () => this.typed());
    this.input.addEventListener('blur', () => this.stopTyping());
    this.noteBox.addEventListener('change', () => {
      this.node.classList.toggle('as-note', this.noteBox.checked);
      this.send.textContent = this.noteBox.checked ? t('composer.addNote') : t('composer.send');
    });
    this.lastTypingAt = 0;
  }

  destroy() {
    this.stopTyping();
  }

  focus() {
    this.input.focus();
  }

  enable(enabled) {
    this.input.disabled = !enabled;
    this.send.disabled = !enabled;
    this.noteBox.disabled = !enabled;
    this.node.hidden = !enabled;
  }

  key(event) {
    if (this.canned.key(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  typed() {
    this.canned.update();
    if (this.noteBox.checked) return;
    const now = Date.now();
    if (now - this.lastTypingAt > TYPING_RENEW_MS) {
      this.lastTypingAt = now;
      this.ctx.feed.sendTyping(this.chatId, true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.idleTimer);
    if (!this.lastTypingAt) return;
    this.lastTypingAt = 0;
    this.ctx.feed.sendTyping(this.chatId, false);
  }

  async submit() {
    const text = this.input.value.trim();
    if (!text || this.send.disabled) return;
    const note = this.noteBox.checked;
    const path = `/v1/chats/${encodeURIComponent(this.chatId)}/${note ? 'notes' : 'messages'}`;
    // A send that failed on the way may have been stored: trying the same text again reuses
    // its clientMessageId, so the server keeps it once.
    if (!note && this.pending?.text !== text) this.pending = { text, id: crypto.randomUUID() };
    const body = note ? { text } : { text, clientMessageId: this.pending.id };
    this.send.disabled = true;
    try {
      const event = await this.ctx.api.post(path, body);
      this.input.value = '';
      if (!note) this.pending = null;
      this.stopTyping();
      if (event?.chatId) this.ctx.store.addEvent(event);
    } catch (error) {
      this.ctx.router.flash(errorText(this.ctx.t, error));
    } finally {
      this.send.disabled = this.input.disabled;
      this.input.focus();
    }
  }
}
