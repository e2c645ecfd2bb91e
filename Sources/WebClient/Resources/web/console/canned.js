// Canned responses in the composer: typing `/` and a shortcut (`/hello`) lists the responses
// whose shortcut starts so; Ctrl+/ lists them all. Arrows choose, Enter or Tab inserts, Esc
// closes. Without the canned-responses API on the server, nothing is offered.
import { h, replaceChildren } from '/shared/dom.js';

const MAX_SHOWN = 8;
let loaded = null;

/** The canned responses the caller may use, read once; empty when the server has none. */
export function cannedResponses(api) {
  if (!loaded) {
    loaded = api.get('/v1/canned-responses').then((answer) => answer.items || []).catch(() => {
      loaded = null;
      return [];
    });
  }
  return loaded;
}

/** Forgets the list read, after an admin changed it. */
export function forgetCannedResponses() {
  loaded = null;
}

export class CannedPicker {
  /** `departmentId()` answers the chat's department: responses of other departments are left out. */
  constructor(ctx, input, departmentId) {
    this.ctx = ctx;
    this.input = input;
    this.departmentId = departmentId;
    this.items = [];
    this.shown = [];
    this.active = 0;
    this.everything = false;
    this.listId = `${input.id}-canned`;
    this.node = h('ul', { id: this.listId, role: 'listbox', class: 'canned-list', 'aria-label': ctx.t('canned.label') });
    this.node.hidden = true;
    input.setAttribute('aria-controls', this.listId);
    cannedResponses(ctx.api).then((items) => {
      this.items = items;
    });
  }

  usable() {
    const department = this.departmentId();
    return this.items.filter((item) => item.departmentId == null || item.departmentId === department);
  }

  /** Re-reads the composer's text: a leading `/word` lists the matching responses. */
  update() {
    const match = /^\/(\S*)$/.exec(this.input.value);
    if (!match && !this.everything) return this.close();
    this.everything = false;
    const query = match ? match[1].toLowerCase() : '';
    this.open(this.usable().filter((item) => item.shortcut.toLowerCase().startsWith(query)));
  }

  open(items) {
    this.shown = items.slice(0, MAX_SHOWN);
    if (this.shown.length === 0) return this.close();
    this.active = 0;
    replaceChildren(this.node, this.shown.map((item, index) => h('li', {
      id: `${this.listId}-${index}`, role: 'option', class: 'canned-option',
      onmousedown: (event) => { event.preventDefault(); this.pick(item); },
    }, h('strong', {}, `/${item.shortcut}`), ' ', h('span', { class: 'muted' }, item.title || item.text))));
    this.node.hidden = false;
    this.highlight();
  }

  close() {
    this.shown = [];
    this.node.hidden = true;
    this.input.removeAttribute('aria-activedescendant');
  }

  highlight() {
    [...this.node.children].forEach((option, index) => option.setAttribute('aria-selected', String(index === this.active)));
    this.input.setAttribute('aria-activedescendant', `${this.listId}-${this.active}`);
  }

  /** Handles a key in the composer; answers whether it was the picker's. */
  key(event) {
    if (event.key === '/' && event.ctrlKey) {
      event.preventDefault();
      this.everything = true;
      this.open(this.usable());
      return true;
    }
    if (this.node.hidden) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.shown.length) % this.shown.length;
      this.highlight();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      this.pick(this.shown[this.active]);
    } else if (event.key === 'Escape') {
      this.close();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** Puts the response's text in: in place of a `/shortcut`, else at the caret. */
  pick(item) {
    const value = this.input.value;
    if (/^\/\S*$/.test(value)) {
      this.input.value = item.text;
    } else {
      const start = this.input.selectionStart ?? value.length;
      const end = this.input.selectionEnd ?? value.length;
      this.input.value = value.slice(0, start) + item.text + value.slice(end);
    }
    this.close();
    this.input.focus();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }
}
