// One chat as the visitor follows it: its history, then each new event from the feed exactly
// once (keyed by chat and event id), the queue standing while it waits, the agent's name and
// typing, the visitor's own lines (sent with a clientMessageId and retried until confirmed),
// files, and the end of the chat.

import { h } from '/shared/dom.js';
import { renderEvent, renderPending } from './messages.js';
import { Composer } from './composer.js';
import { attachmentsSupported, upload } from './attachments.js';
import { Outbox } from './outbox.js';
import { QueueStanding } from './queue.js';
import { Aftercare } from './aftercare.js';

export class Conversation {
  constructor({ chatId, session, feed, t, names, events }) {
    this.chatId = chatId;
    this.session = session;
    this.api = session.api;
    this.t = t;
    this.names = names;
    this.events = events;
    this.shown = new Set();
    this.agentJoined = false;
    this.ended = false;
    this.typingTimer = null;
    // The log region holds a list: only the lines appended to it are announced.
    this.lines = h('ol', { class: 'lines' });
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t('messages'), tabindex: 0 }, this.lines);
    this.typingLine = h('p', { class: 'typing', 'aria-live': 'off' });
    this.status = new QueueStanding({ api: this.api, chatId, t, names });
    this.outbox = new Outbox({ api: this.api, chatId, onSent: (event) => this.receive(event, false), onRefused: (id, message) => this.refused(id, message) });
    this.composer = new Composer({
      t,
      onSend: (text) => this.send(text),
      onFile: (file) => this.sendFile(file),
      onTyping: (typing) => feed?.sendTyping(chatId, typing),
    });
    this.aftercare = new Aftercare({ api: this.api, chatId, t, session, onNewChat: () => events.newChat() });
    this.element = h('div', { class: 'conversation' }, this.status.element, this.log, this.typingLine, this.aftercare.element, this.composer.element);
  }

  /** Reads the chat and its history, then shows it. */
  async load() {
    const chat = await this.api.get(`/v1/chats/${encodeURIComponent(this.chatId)}`);
    let after = -1;
    for (;;) {
      const page = await this.api.get(`/v1/chats/${encodeURIComponent(this.chatId)}/events`, { after, limit: 200 });
      for (const event of page.items) this.receive(event, false);
      if (!page.hasMore || !page.items.length) break;
      after = page.items[page.items.length - 1].id;
    }
    this.status.show(chat);
    this.composer.allowFiles(!this.ended && (await attachmentsSupported(this.api)));
  }

  /** An event of this chat, from its history, the feed or a send's answer; shown once. */
  receive(event, live = true) {
    const key = `${event.chatId}:${event.id}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    if (event.author?.type === 'agent') this.names.learn(this.chatId, event.author.id);
    if (event.type === 'joined') this.agentJoined = true;
    if (event.type === 'state') this.stateChanged(event.state, live);
    if (event.type === 'rating') this.session.update({ rated: true });
    const node = renderEvent(event, { t: this.t, api: this.api, names: this.names });
    if (node) this.place(node, event);
    if (live && (event.type === 'message' || event.type === 'attachment')) {
      if (event.author.type === 'agent') this.clearTyping();
      this.events.message(event);
    }
  }

  /**
   * Puts a line in event order (the feed may bring a new event before the history that
   * precedes it has loaded), or where its pending copy stood.
   */
  place(node, event) {
    node.dataset.eventId = String(event.id);
    const pending = event.clientMessageId && this.log.querySelector(`li.pending[data-client-id="${CSS.escape(event.clientMessageId)}"]`);
    if (pending) {
      pending.replaceWith(node);
      return;
    }
    const later = [...this.log.querySelectorAll('li[data-event-id]')].find((line) => Number(line.dataset.eventId) > event.id);
    if (later) {
      later.before(node);
      return;
    }
    const firstPending = this.log.querySelector('li.pending');
    if (firstPending) firstPending.before(node);
    else this.lines.append(node);
    this.scrollToEnd();
  }

  /** Scrolls the log alone: `scrollIntoView` would scroll the host page around the frame too. */
  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }

  stateChanged(state, live) {
    this.status.changed(state);
    if (state === 'ended' && !this.ended) {
      this.ended = true;
      this.composer.element.hidden = true;
      this.clearTyping();
      this.aftercare.show({ ratable: this.agentJoined && !this.session.state.rated });
      if (live) this.events.ended(this.chatId);
    }
  }

  send(text) {
    const id = this.outbox.add(text);
    this.lines.append(renderPending(text, id, this.t));
    this.scrollToEnd();
  }

  refused(clientMessageId, message) {
    this.log.querySelector(`li.pending[data-client-id="${CSS.escape(clientMessageId)}"]`)?.remove();
    this.composer.showError(message || this.t('sendFailed'));
  }

  async sendFile(file) {
    if (this.ended) return;
    this.composer.showError('');
    try {
      this.receive(await upload(this.api, this.chatId, file, this.outbox.newId(), this.t), false);
    } catch (error) {
      this.composer.showError(error.message);
    }
  }

  /** The connection is back: send what waited. */
  resumed() {
    this.outbox.flush();
    this.status.refresh();
  }

  typing(notice) {
    if (notice.chatId !== this.chatId || notice.author?.type !== 'agent' || this.ended) return;
    clearTimeout(this.typingTimer);
    if (!notice.typing) {
      this.clearTyping();
      return;
    }
    const name = this.names.name(notice.author.id) || this.t('agent');
    this.typingLine.textContent = this.t('typing', { name });
    const lapse = notice.expiresAt ? Math.max(1000, Date.parse(notice.expiresAt) - Date.now()) : 6000;
    this.typingTimer = setTimeout(() => this.clearTyping(), lapse);
  }

  clearTyping() {
    clearTimeout(this.typingTimer);
    this.typingLine.textContent = '';
  }

  stop() {
    this.status.stop();
    this.clearTyping();
  }
}
