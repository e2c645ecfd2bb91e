// The line above the log saying where the chat stands: its place in the queue and the
// estimated wait while it waits, the agent's name once one joined, and when it ended.

import { h } from '/shared/dom.js';

const REFRESH_MS = 20_000;

export class QueueStanding {
  constructor({ api, chatId, t, names }) {
    this.api = api;
    this.chatId = chatId;
    this.t = t;
    this.names = names;
    this.state = null;
    this.agentId = null;
    this.timer = null;
    this.unstaffed = false;
    this.element = h('p', { class: 'standing', role: 'status' });
  }

  /** Shows the chat as `GET /v1/chats/{id}` answered it. */
  show(chat) {
    this.state = chat.state;
    this.agentId = chat.agentId || null;
    clearTimeout(this.timer);
    if (chat.state === 'queued' || chat.state === 'transferring') {
      this.element.textContent = this.unstaffed ? this.t('nobodyOnline') : this.waiting(chat.queue);
      this.timer = setTimeout(() => this.refresh(), REFRESH_MS);
    } else if (chat.state === 'active') {
      this.element.replaceChildren(this.t('chattingWith'), ' ', this.agentLabel());
    } else {
      this.element.textContent = this.t('chatEnded');
    }
  }

  agentLabel() {
    const label = this.names.label(this.agentId);
    label.classList.add('agent-name');
    return label;
  }

  waiting(queue) {
    if (!queue) return this.t('waiting');
    const minutes = queue.estimatedWaitSeconds == null ? null : Math.max(1, Math.round(queue.estimatedWaitSeconds / 60));
    const place = this.t('queuePosition', { position: queue.position });
    return minutes === null ? place : `${place} ${this.t('estimatedWait', { minutes })}`;
  }

  /** Whether nobody of the department is online (the visitor's status says `offlineMessage`). */
  setUnstaffed(unstaffed) {
    if (unstaffed === this.unstaffed) return;
    this.unstaffed = unstaffed;
    if (this.state === 'queued') this.refresh();
  }

  /** A state event arrived: read the chat again for its agent or its place. */
  changed(state) {
    if (state === this.state && state !== 'queued') return;
    this.state = state;
    this.refresh();
  }

  async refresh() {
    clearTimeout(this.timer);
    try {
      this.show(await this.api.get(`/v1/chats/${encodeURIComponent(this.chatId)}`));
    } catch {
      this.timer = setTimeout(() => this.refresh(), REFRESH_MS);
    }
  }

  stop() {
    clearTimeout(this.timer);
  }
}
