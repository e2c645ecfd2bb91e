// Messages visitors left while nobody could chat (outside hours, nobody online), newest
// first, each with a reply-by-email link.
import { h, replaceChildren } from '/shared/dom.js';
import { formatTime } from '/shared/i18n.js';
import { errorText } from '/console/errors.js';

export class OfflineMessagesView {
  constructor(ctx) {
    this.ctx = ctx;
    const { t } = ctx;
    this.list = h('ul', { class: 'plain offline-list' });
    this.status = h('p', { class: 'muted' });
    this.node = h('section', { class: 'page' }, h('h1', {}, t('offline.title')), this.status, this.list);
    this.load();
  }

  async load() {
    const { t, api, directory } = this.ctx;
    try {
      const { items } = await api.get('/v1/offline-messages', { limit: 200 });
      this.status.textContent = items.length ? '' : t('offline.none');
      replaceChildren(this.list, items.map((item) => h('li', { class: 'card' },
        h('p', { class: 'small muted' },
          `${formatTime(item.createdAt, t.language, true)} · ${directory.departmentName(item.departmentId)}`),
        h('p', {}, h('strong', { dir: 'auto' }, item.name), ' ',
          h('a', { href: `mailto:${encodeURIComponent(item.email).replace(/%40/g, '@')}` }, item.email)),
        h('p', { class: 'text', dir: 'auto' }, item.message))));
    } catch (error) {
      this.status.textContent = errorText(t, error);
    }
  }
}
