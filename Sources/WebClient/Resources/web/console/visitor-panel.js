// Who the visitor is: name, email, location and flag, browser, OS, device, the pages of the
// visit, the pre-chat answers and custom variables, and their previous chats.
import { h, replaceChildren } from '/shared/dom.js';
import { formatTime } from '/shared/i18n.js';

/** The flag emoji of a two-letter country code, from the regional indicator letters. */
export function flagOf(countryCode) {
  if (!/^[A-Za-z]{2}$/.test(countryCode || '')) return '';
  return [...countryCode.toUpperCase()].map((letter) => String.fromCodePoint(0x1f1e6 + letter.charCodeAt(0) - 65)).join('');
}

export class VisitorPanel {
  constructor(ctx, chatId) {
    this.ctx = ctx;
    this.chatId = chatId;
    this.node = h('aside', { class: 'visitor-panel', 'aria-labelledby': `visitor-title-${chatId}` });
  }

  async show(chat) {
    const visitor = chat.visitor || {};
    const { api } = this.ctx;
    let overview = null;
    let previous = [];
    try {
      overview = await api.get(`/v1/visitors/${encodeURIComponent(chat.visitorId)}`);
    } catch {
      // An erased or unknown visitor: the chat's own copy is all there is.
    }
    try {
      const chats = await api.get('/v1/chats', { visitorId: chat.visitorId, limit: 50 });
      previous = chats.items.filter((other) => other.visitorId === chat.visitorId && other.id !== chat.id);
    } catch {
      // Listing chats may be refused for a department the agent does not serve.
    }
    this.render(chat, { ...overview, ...visitor, device: visitor.device || overview?.device, location: visitor.location || overview?.location }, overview, previous);
  }

  render(chat, visitor, overview, previous) {
    const { t } = this.ctx;
    const row = (label, value) => (value ? [h('dt', {}, label), h('dd', {}, value)] : null);
    const location = visitor.location;
    const place = location ? `${flagOf(location.countryCode)} ${location.country}` : null;
    const device = visitor.device || {};
    const browser = device.browser ? [device.browser, device.browserMajorVersion].filter(Boolean).join(' ') : null;
    const os = device.platform ? [device.platform, device.platformVersion].filter(Boolean).join(' ') : null;
    const pairs = (list) => (list || []).map((pair) => row(pair.name, pair.value));
    replaceChildren(this.node,
      h('h2', { id: `visitor-title-${this.chatId}` }, t('visitor.title')),
      h('dl', { class: 'facts' },
        row(t('visitor.name'), visitor.name),
        row(t('visitor.email'), visitor.email),
        row(t('visitor.location'), place),
        row(t('visitor.browser'), browser),
        row(t('visitor.os'), os),
        row(t('visitor.device'), device.type),
        row(t('visitor.language'), visitor.language),
        row(t('visitor.ip'), visitor.ipAddress),
        row(t('visitor.timeZone'), overview?.timeZoneOffset || overview?.timeZone)),
      h('h3', {}, t('visitor.pages')),
      this.pages(visitor, overview),
      overview?.fields?.length ? [h('h3', {}, t('visitor.fields')), h('dl', { class: 'facts' }, pairs(overview.fields))] : null,
      overview?.customVariables?.length ? [h('h3', {}, t('visitor.variables')), h('dl', { class: 'facts' }, pairs(overview.customVariables))] : null,
      h('h3', {}, t('visitor.previous')),
      previous.length
        ? h('ul', { class: 'plain' }, previous.map((other) => h('li', {},
          h('a', { href: `#/chats/${encodeURIComponent(other.id)}` }, t('chat.number', { number: other.number })),
          ` · ${formatTime(other.createdAt, t.language, true)} · ${t(`state.${other.state}`)}`)))
        : h('p', { class: 'muted small' }, t('visitor.noPrevious')));
  }

  pages(visitor, overview) {
    const { t } = this.ctx;
    const items = [];
    if (overview?.landingPage) items.push([t('visitor.landing'), overview.landingPage]);
    if (overview?.currentPage) items.push([t('visitor.current'), overview.currentPage.title || overview.currentPage.url]);
    if (!overview?.currentPage && visitor.sourceUrl) items.push([t('visitor.source'), visitor.sourceUrl]);
    if (overview?.referrer) items.push([t('visitor.referrer'), overview.referrer]);
    const summary = overview ? t('visitor.pageViews', { count: overview.pageViews, visits: overview.visits }) : null;
    return h('div', {},
      summary ? h('p', { class: 'muted small' }, summary) : null,
      items.length ? h('ul', { class: 'plain pages' }, items.map(([label, value]) => h('li', {}, `${label}: `, h('span', { class: 'url' }, value)))) : null);
  }
}
