// The agent's own status: online, away, away for one of the custom away statuses, offline.
import { byId, h, replaceChildren } from '/shared/dom.js';

/** `away:Lunch` is away for the custom status Lunch; the plain statuses hold no colon. */
const SEPARATOR = ':';

export class StatusSwitch {
  constructor(ctx) {
    this.ctx = ctx;
    this.select = byId('status-select');
    this.select.addEventListener('change', () => this.change());
  }

  async load() {
    const { t, api } = this.ctx;
    let reasons = [];
    try {
      reasons = (await api.get('/v1/away-statuses')).items;
    } catch {
      // Without the list the plain statuses still work.
    }
    replaceChildren(
      this.select,
      h('option', { value: 'online' }, t('status.online')),
      h('option', { value: 'away' }, t('status.away')),
      reasons.map((reason) => h('option', { value: `away${SEPARATOR}${reason}` }, t('status.awayFor', { reason }))),
      h('option', { value: 'offline' }, t('status.offline')),
    );
    this.show(this.ctx.me.status, this.ctx.me.awayReason);
  }

  /** Shows a status the server reported (a presence notice or an answer). */
  show(status, awayReason) {
    this.ctx.me.status = status;
    const value = status === 'away' && awayReason ? `away${SEPARATOR}${awayReason}` : status;
    if ([...this.select.options].some((option) => option.value === value)) this.select.value = value;
    this.select.dataset.status = status;
  }

  async change() {
    const value = this.select.value;
    const at = value.indexOf(SEPARATOR);
    const [status, awayReason] = at < 0 ? [value, null] : [value.slice(0, at), value.slice(at + 1)];
    const body = awayReason ? { status, awayReason } : { status };
    try {
      const agent = await this.ctx.api.put(`/v1/agents/${encodeURIComponent(this.ctx.me.id)}/status`, body);
      this.show(agent.status, agent.awayReason);
    } catch {
      this.show(this.ctx.me.status, this.ctx.me.awayReason);
    }
  }
}
