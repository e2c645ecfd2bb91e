// The visitors on the site now, kept current by the feed, each with an "Invite" button
// (visitors who may be invited: on the site, without an open chat).
import { h } from '/shared/dom.js';
import { KeyedList, duration } from '/console/keyed-list.js';
import { flagOf } from '/console/visitor-panel.js';
import { errorText } from '/console/errors.js';

const INVITABLE = new Set(['inSite', 'chatEnded', 'refusedByVisitor', 'refusedByOperator']);

export class VisitorsView {
  constructor(ctx) {
    this.ctx = ctx;
    this.byId = new Map();
    const { t } = ctx;
    this.body = h('tbody');
    this.empty = h('p', { class: 'muted' }, t('visitors.empty'));
    this.node = h('section', { class: 'page' },
      h('h1', {}, t('visitors.title')),
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {},
          [t('visitors.who'), t('visitors.where'), t('visitors.page'), t('visitors.status'), t('visitors.onSite'), t('visitors.action')]
            .map((label) => h('th', { scope: 'col' }, label)))),
        this.body),
      this.empty);
    this.rows = new KeyedList(this.body, (visitor) => this.row(visitor));
    this.timer = setInterval(() => this.render(), 5000);
    this.load();
  }

  destroy() {
    clearInterval(this.timer);
  }

  async load() {
    try {
      const answer = await this.ctx.api.get('/v1/visitors');
      for (const visitor of answer.items) this.byId.set(visitor.id, visitor);
      this.render();
    } catch (error) {
      this.empty.textContent = errorText(this.ctx.t, error);
    }
  }

  /** Visitors that changed, from the feed. */
  visitors(changed) {
    for (const visitor of changed) {
      if (visitor.status === 'outOfSite') this.byId.delete(visitor.id);
      else this.byId.set(visitor.id, visitor);
    }
    this.render();
  }

  render() {
    const list = [...this.byId.values()].sort((a, b) => Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt));
    this.rows.render(list);
    this.empty.hidden = list.length > 0;
  }

  row(visitor) {
    const { t } = this.ctx;
    const cells = Array.from({ length: 5 }, () => h('td'));
    const invite = h('button', { type: 'button', class: 'small-button', onclick: () => this.invite(visitor.id, invite) }, t('visitors.invite'));
    const node = h('tr', {}, cells, h('td', {}, invite));
    return {
      node,
      update: (current) => {
        const [who, where, page, status, onSite] = cells;
        who.textContent = current.name || t('visitors.anonymous');
        where.textContent = current.location ? `${flagOf(current.location.countryCode)} ${current.location.country}` : '';
        page.textContent = current.currentPage?.title || current.currentPage?.url || current.landingPage || '';
        status.textContent = t(`visitorStatus.${current.status}`);
        onSite.textContent = duration((Date.now() - Date.parse(current.visitStartedAt)) / 1000);
        invite.hidden = !INVITABLE.has(current.status);
      },
    };
  }

  async invite(visitorId, button) {
    button.disabled = true;
    try {
      const visitor = await this.ctx.api.post(`/v1/visitors/${encodeURIComponent(visitorId)}/invitation`);
      this.byId.set(visitor.id, visitor);
      this.render();
      this.ctx.router.flash(this.ctx.t('visitors.invited'));
    } catch (error) {
      this.ctx.router.flash(errorText(this.ctx.t, error));
    } finally {
      button.disabled = false;
    }
  }
}
