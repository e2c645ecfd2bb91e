// Hash routes: #/chats, #/chats/<id>, #/visitors, #/search, #/offline, #/admin/<page>. One view at a
// time fills <main>; the live feed's typing notices and visitor changes go to it.
import { byId, h, replaceChildren } from '/shared/dom.js';
import { ChatView } from '/console/chat-view.js';
import { VisitorsView } from '/console/visitors.js';
import { SearchView } from '/console/search.js';
import { OfflineMessagesView } from '/console/offline-messages.js';
import { AdminView } from '/console/admin/admin-view.js';

const FLASH_MS = 6000;

export class Router {
  constructor(ctx) {
    this.ctx = ctx;
    this.main = byId('main');
    this.view = null;
    this.flashNode = h('div', { class: 'flash', role: 'alert' });
    document.body.append(this.flashNode);
  }

  start() {
    window.addEventListener('hashchange', () => this.route());
    this.route();
  }

  route() {
    const [section = 'chats', ...rest] = window.location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    this.view?.destroy?.();
    this.view = null;
    this.ctx.viewing = null;
    replaceChildren(this.main);
    for (const link of byId('main-nav').querySelectorAll('a')) {
      if (link.dataset.route === section) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const ctx = this.ctx;
    if (section === 'chats' && rest[0]) this.view = new ChatView(ctx, rest[0]);
    else if (section === 'visitors') this.view = new VisitorsView(ctx);
    else if (section === 'search') this.view = new SearchView(ctx);
    else if (section === 'offline') this.view = new OfflineMessagesView(ctx);
    else if (section === 'admin' && ctx.me.isAdmin) this.view = new AdminView(ctx, rest[0] || 'departments');
    else this.main.append(h('section', { class: 'empty-view' }, h('h1', {}, ctx.t('chats.pick'))));
    if (this.view) this.main.append(this.view.node);
    ctx.sidebar.render();
  }

  typing(notice) {
    this.view?.typing?.(notice);
  }

  visitors(visitors) {
    this.view?.visitors?.(visitors);
  }

  /** A short message everybody can read and screen readers announce. */
  flash(text) {
    this.flashNode.textContent = text;
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      this.flashNode.textContent = '';
    }, FLASH_MS);
  }
}
