// The admin pages, one per tab: departments and calendars, agents, away statuses, canned
// responses, pre-chat fields, webhooks and dead letters, bans.
import { h } from '/shared/dom.js';
import { departmentsPage } from '/console/admin/departments.js';
import { agentsPage } from '/console/admin/agents.js';
import { awayStatusesPage } from '/console/admin/away-statuses.js';
import { cannedPage } from '/console/admin/canned.js';
import { prechatPage } from '/console/admin/prechat.js';
import { webhooksPage } from '/console/admin/webhooks.js';
import { bansPage } from '/console/admin/bans.js';

const PAGES = {
  departments: departmentsPage,
  agents: agentsPage,
  'away-statuses': awayStatusesPage,
  canned: cannedPage,
  prechat: prechatPage,
  webhooks: webhooksPage,
  bans: bansPage,
};

export class AdminView {
  constructor(ctx, page) {
    const { t } = ctx;
    const name = PAGES[page] ? page : 'departments';
    const tabs = h('nav', { class: 'tabs', 'aria-label': t('admin.title') }, Object.keys(PAGES).map((key) =>
      h('a', { href: `#/admin/${key}`, 'aria-current': key === name ? 'page' : null }, t(`admin.${key}`))));
    this.node = h('section', { class: 'page admin' }, h('h1', {}, t(`admin.${name}`)), tabs, PAGES[name](ctx));
  }
}
