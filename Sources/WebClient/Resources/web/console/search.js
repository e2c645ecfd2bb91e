// Searching past chats by their text (`GET /v1/chats?q=`); each hit opens the chat.
import { h, replaceChildren } from '/shared/dom.js';
import { formatTime } from '/shared/i18n.js';
import { errorText } from '/console/errors.js';

export class SearchView {
  constructor(ctx) {
    this.ctx = ctx;
    const { t } = ctx;
    this.input = h('input', { id: 'search-query', type: 'search', maxlength: '200' });
    this.results = h('ul', { class: 'plain results' });
    this.status = h('p', { class: 'muted', role: 'status' });
    this.node = h('section', { class: 'page' },
      h('h1', {}, t('search.title')),
      h('form', { class: 'row', role: 'search', onsubmit: (event) => { event.preventDefault(); this.search(); } },
        h('label', { for: 'search-query', class: 'visually-hidden' }, t('search.label')),
        this.input,
        h('button', { type: 'submit', class: 'primary' }, t('search.submit'))),
      this.status,
      this.results);
    queueMicrotask(() => this.input.focus());
  }

  async search() {
    const { t, api, directory } = this.ctx;
    const q = this.input.value.trim();
    if (!q) return;
    this.status.textContent = t('search.searching');
    try {
      const answer = await api.get('/v1/chats', { q, limit: 100 });
      const items = answer.items;
      replaceChildren(this.results, items.map((chat) => h('li', { class: 'result card' },
        h('a', { href: `#/chats/${encodeURIComponent(chat.id)}` }, t('chat.number', { number: chat.number })),
        ` · ${directory.departmentName(chat.departmentId)} · ${formatTime(chat.createdAt, t.language, true)} · ${t(`state.${chat.state}`)}`,
        chat.match ? h('p', { class: 'match' }, chat.match) : null)));
      this.status.textContent = t('search.found', { count: items.length });
    } catch (error) {
      this.status.textContent = errorText(t, error);
    }
  }
}
