// The sidebar: chats waiting for an agent (with how long they have waited and "Accept") and
// the signed-in agent's own chats with their unread counts.
import { byId, h } from '/shared/dom.js';
import { KeyedList, duration } from '/console/keyed-list.js';
import { errorText } from '/console/errors.js';

const TICK_MS = 1000;

export class Sidebar {
  constructor(ctx) {
    this.ctx = ctx;
    this.asked = new Set();
    this.queue = new KeyedList(byId('queue-list'), (chat) => this.queueRow(chat));
    this.mine = new KeyedList(byId('my-chats'), (chat) => this.mineRow(chat));
    ctx.store.subscribe(() => this.render());
    setInterval(() => this.tick(), TICK_MS);
    this.render();
  }

  /** Whom a chat is with: the visitor's name once read, else the chat's number. */
  title(chat) {
    if (chat.visitor?.name) return chat.visitor.name;
    if (!this.asked.has(chat.id)) {
      this.asked.add(chat.id);
      this.ctx.api.get(`/v1/chats/${encodeURIComponent(chat.id)}`).then((full) => this.ctx.store.putChat(full)).catch(() => {});
    }
    return this.ctx.t('chat.number', { number: chat.number });
  }

  render() {
    const { store, me } = this.ctx;
    const chats = store.chats();
    const waiting = chats
      .filter((chat) => chat.state === 'queued' || (chat.state === 'transferring' && !chat.agentId))
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const mine = chats
      .filter((chat) => chat.state === 'active' && chat.agentId === me.id)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    this.queue.render(waiting);
    this.mine.render(mine);
    byId('queue-empty').hidden = waiting.length > 0;
    byId('mine-empty').hidden = mine.length > 0;
    this.tick();
  }

  tick() {
    for (const row of this.queue.rows.values()) row.tick();
  }

  queueRow(chat) {
    const { t } = this.ctx;
    const name = h('a', { href: `#/chats/${encodeURIComponent(chat.id)}`, class: 'chat-link', dir: 'auto' });
    const meta = h('span', { class: 'muted small' });
    const waited = h('span', { class: 'waiting small' });
    const accept = h('button', { type: 'button', class: 'primary small-button accept', onclick: () => this.accept(chat.id, accept) }, t('queue.accept'));
    const decline = h('button', { type: 'button', class: 'small-button', onclick: () => this.decline(chat.id, decline) }, t('queue.decline'));
    const node = h('li', { class: 'chat-item', 'data-chat-id': chat.id },
      h('div', { class: 'chat-item-text' }, name, meta, waited), h('div', { class: 'chat-item-actions' }, accept, decline));
    let since = chat.createdAt;
    return {
      node,
      update: (current) => {
        name.textContent = this.title(current);
        const transfer = current.state === 'transferring' ? ` · ${t('queue.transferring')}` : '';
        meta.textContent = `${this.ctx.directory.departmentName(current.departmentId)}${transfer}`;
        accept.setAttribute('aria-describedby', `queue-name-${current.id}`);
        decline.setAttribute('aria-describedby', `queue-name-${current.id}`);
        // Only an offer made to this agent can be declined; any waiting chat can be accepted.
        decline.hidden = current.offeredTo !== this.ctx.me.id;
        name.id = `queue-name-${current.id}`;
        since = current.createdAt;
        node.classList.toggle('offered-to-me', current.offeredTo === this.ctx.me.id);
      },
      tick: () => {
        waited.textContent = t('queue.waited', { time: duration((Date.now() - Date.parse(since)) / 1000) });
      },
    };
  }

  mineRow(chat) {
    const { t, store } = this.ctx;
    const name = h('span', { class: 'chat-name', dir: 'auto' });
    const badge = h('span', { class: 'badge', 'aria-hidden': 'true' });
    const spoken = h('span', { class: 'visually-hidden' });
    const link = h('a', { href: `#/chats/${encodeURIComponent(chat.id)}`, class: 'chat-link mine-link' }, name, badge, spoken);
    const node = h('li', { class: 'chat-item', 'data-chat-id': chat.id }, link);
    return {
      node,
      update: (current) => {
        name.textContent = this.title(current);
        const unread = store.get(current.id)?.unread ?? 0;
        badge.hidden = unread === 0;
        badge.textContent = String(unread);
        spoken.textContent = unread === 0 ? '' : t('mine.unread', { count: unread });
        if (this.ctx.viewing === current.id) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      },
      tick: () => {},
    };
  }

  /** Turns down the offer: routing offers the chat to someone else. */
  async decline(chatId, button) {
    button.disabled = true;
    try {
      await this.ctx.api.post(`/v1/chats/${encodeURIComponent(chatId)}/decline`);
    } catch (error) {
      this.ctx.router.flash(errorText(this.ctx.t, error));
    } finally {
      button.disabled = false;
    }
  }

  /** Joins the chat and opens it. */
  async accept(chatId, button) {
    button.disabled = true;
    try {
      const chat = await this.ctx.api.post(`/v1/chats/${encodeURIComponent(chatId)}/join`);
      this.ctx.store.putChat(chat);
      this.ctx.focusComposer = chatId;
      window.location.hash = `#/chats/${encodeURIComponent(chatId)}`;
    } catch (error) {
      this.ctx.router.flash(errorText(this.ctx.t, error));
      button.disabled = false;
    }
  }
}
