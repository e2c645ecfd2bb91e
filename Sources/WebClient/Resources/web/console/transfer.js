// Handing an active chat to another agent (online ones) or to a department, with an
// optional note the visitor never sees.
import { h, replaceChildren } from '/shared/dom.js';
import { errorText } from '/console/errors.js';

export class TransferForm {
  constructor(ctx, chatId, onClosed) {
    this.ctx = ctx;
    this.chatId = chatId;
    this.onClosed = onClosed;
    const { t } = ctx;
    const id = `transfer-${chatId}`;
    this.target = h('select', { id: `${id}-target` });
    this.note = h('input', { id: `${id}-note`, type: 'text', maxlength: '4000' });
    this.node = h('form', { class: 'transfer card', onsubmit: (event) => { event.preventDefault(); this.submit(); } },
      h('label', { for: `${id}-target` }, t('transfer.to')), this.target,
      h('label', { for: `${id}-note` }, t('transfer.note')), this.note,
      h('div', { class: 'row' },
        h('button', { type: 'submit', class: 'primary' }, t('transfer.submit')),
        h('button', { type: 'button', onclick: () => this.close() }, t('common.cancel'))));
    this.node.hidden = true;
    this.node.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
  }

  toggle() {
    if (this.node.hidden) this.open();
    else this.close();
  }

  open() {
    const { t, directory, me } = this.ctx;
    const agents = directory.agents.filter((agent) => agent.id !== me.id);
    replaceChildren(this.target,
      h('optgroup', { label: t('transfer.agents') }, agents.map((agent) =>
        h('option', { value: `agent:${agent.id}`, disabled: agent.status !== 'online' },
          `${agent.name} (${t(`status.${agent.status}`)})`))),
      h('optgroup', { label: t('transfer.departments') }, directory.departments.map((department) =>
        h('option', { value: `department:${department.id}` }, department.name))));
    const firstUsable = [...this.target.options].find((option) => !option.disabled);
    if (firstUsable) this.target.value = firstUsable.value;
    this.node.hidden = false;
    this.target.focus();
  }

  close() {
    this.node.hidden = true;
    this.note.value = '';
    this.onClosed();
  }

  async submit() {
    const [kind, ...rest] = this.target.value.split(':');
    const value = rest.join(':');
    if (!value) return;
    const body = kind === 'agent' ? { agentId: value } : { departmentId: Number(value) };
    if (this.note.value.trim()) body.note = this.note.value.trim();
    try {
      const chat = await this.ctx.api.post(`/v1/chats/${encodeURIComponent(this.chatId)}/transfer`, body);
      this.ctx.store.putChat(chat);
      this.close();
      this.ctx.router.flash(this.ctx.t('transfer.done'));
    } catch (error) {
      this.ctx.router.flash(errorText(this.ctx.t, error));
    }
  }
}
