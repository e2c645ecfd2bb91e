// One chat: its header and actions, the message log (role="log", new lines appended only,
// each event once by its per-chat id), the visitor's typing, the composer and the visitor panel.
import { h } from '/shared/dom.js';
import { Composer } from '/console/composer.js';
import { VisitorPanel } from '/console/visitor-panel.js';
import { TransferForm } from '/console/transfer.js';
import { eventLine } from '/console/event-line.js';
import { errorText } from '/console/errors.js';

const HISTORY_LIMIT = 500;

export class ChatView {
  constructor(ctx, chatId) {
    this.ctx = ctx;
    this.chatId = chatId;
    this.lines = new Map();
    ctx.viewing = chatId;
    const { t } = ctx;
    this.title = h('h1', { class: 'chat-title', dir: 'auto' });
    this.meta = h('p', { class: 'muted small chat-meta' });
    this.acceptButton = h('button', { type: 'button', class: 'primary', onclick: () => this.act('join') }, t('queue.accept'));
    this.transferButton = h('button', { type: 'button', onclick: () => this.transfer.toggle() }, t('chat.transfer'));
    this.closeButton = h('button', { type: 'button', class: 'danger', onclick: () => this.act('close') }, t('chat.close'));
    this.transfer = new TransferForm(ctx, chatId, () => this.transferButton.focus());
    this.lineList = h('ol', { class: 'log-lines' });
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t('chat.messages') }, this.lineList);
    this.typingLine = h('p', { class: 'typing muted small' });
    this.composer = new Composer(ctx, chatId);
    this.panel = new VisitorPanel(ctx, chatId);
    this.node = h('section', { class: 'chat-view', 'aria-labelledby': 'chat-title' },
      h('header', { class: 'chat-header' },
        h('div', {}, this.title, this.meta),
        h('div', { class: 'chat-actions' }, this.acceptButton, this.transferButton, this.closeButton)),
      this.transfer.node,
      h('div', { class: 'chat-columns' },
        h('div', { class: 'conversation' }, this.log, this.typingLine, this.composer.node),
        this.panel.node));
    this.title.id = 'chat-title';
    this.unsubscribe = ctx.store.subscribe((change) => {
      if (change.chatId !== chatId) return;
      if (change.kind === 'event') this.show(change.event);
      this.refresh();
    });
    this.load();
  }

  destroy() {
    this.unsubscribe();
    this.composer.destroy();
    clearTimeout(this.typingTimer);
  }

  async load() {
    const { api, store } = this.ctx;
    const path = `/v1/chats/${encodeURIComponent(this.chatId)}`;
    try {
      const chat = await api.get(path);
      store.putChat(chat);
      this.panel.show(chat);
      for (const event of store.events(this.chatId)) this.show(event);
      const history = await api.get(`${path}/events`, { limit: HISTORY_LIMIT });
      for (const event of history.items) store.addEvent(event);
      store.markRead(this.chatId);
      this.refresh();
    } catch (error) {
      this.title.textContent = errorText(this.ctx.t, error);
    }
  }

  /** Puts one event's line in its place by per-chat id; a line already shown stays as it is. */
  show(event) {
    if (this.lines.has(event.id)) return;
    const line = eventLine(this.ctx, event, this.ctx.store.get(this.chatId)?.chat);
    if (!line) return;
    this.lines.set(event.id, line);
    line.dataset.eventId = String(event.id);
    const later = [...this.lineList.children].find((node) => Number(node.dataset.eventId) > event.id);
    this.lineList.insertBefore(line, later || null);
    if (!later) this.log.scrollTop = this.log.scrollHeight;
    if (event.type === 'message' && event.author.type === 'visitor') this.showTyping(false);
  }

  refresh() {
    const { t, me, store, directory } = this.ctx;
    const chat = store.get(this.chatId)?.chat;
    if (!chat) return;
    this.title.textContent = chat.visitor?.name || t('chat.number', { number: chat.number });
    this.meta.textContent = [
      t('chat.number', { number: chat.number }),
      directory.departmentName(chat.departmentId),
      t(`state.${chat.state}`),
      chat.agentId && chat.agentId !== me.id ? t('chat.servedBy', { name: directory.agentName(chat.agentId) }) : null,
    ].filter(Boolean).join(' · ');
    const waiting = chat.state === 'queued' || chat.state === 'transferring';
    const mine = chat.state === 'active' && (chat.agentId === me.id || me.isAdmin);
    this.acceptButton.hidden = !waiting;
    this.transferButton.hidden = !mine;
    this.closeButton.hidden = chat.state === 'ended';
    this.composer.enable(chat.state !== 'ended' && chat.agentId === me.id);
    // Accepted from the queue: the agent's next keys are the reply.
    if (this.ctx.focusComposer === this.chatId && !this.composer.input.disabled) {
      this.ctx.focusComposer = null;
      this.composer.focus();
    }
    if (this.ctx.viewing === this.chatId && document.visibilityState === 'visible') store.markRead(this.chatId);
  }

  async act(action) {
    try {
      const chat = await this.ctx.api.post(`/v1/chats/${encodeURIComponent(this.chatId)}/${action}`);
      if (chat?.id) this.ctx.store.putChat(chat);
      if (action === 'join') this.composer.focus();
    } catch (error) {
      this.ctx.router.flash(errorText(this.ctx.t, error));
    }
  }

  typing(notice) {
    if (notice.chatId !== this.chatId || notice.author?.type !== 'visitor') return;
    this.showTyping(notice.typing, notice.expiresAt);
  }

  showTyping(typing, expiresAt) {
    clearTimeout(this.typingTimer);
    const chat = this.ctx.store.get(this.chatId)?.chat;
    this.typingLine.textContent = typing ? this.ctx.t('chat.visitorTyping', { name: chat?.visitor?.name || '' }) : '';
    if (typing) {
      const lapse = expiresAt ? Math.max(1000, Date.parse(expiresAt) - Date.now()) : 6000;
      this.typingTimer = setTimeout(() => this.showTyping(false), lapse);
    }
  }
}
