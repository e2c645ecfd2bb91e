// The pre-chat form's inputs: the built-in name, email and message, the extra fields an admin
// defines (`GET /v1/prechat-fields`), and the captcha when the server asks for one.

import { h } from '/shared/dom.js';

/** A labelled input; `kind` is text, email, tel, textarea, select or checkbox. */
export function field({ key, label, kind = 'text', required = false, options = [], value = '', autocomplete }) {
  const id = `field-${key}`;
  const common = { id, name: key, required, 'aria-required': required ? 'true' : null, autocomplete };
  let input;
  if (kind === 'textarea') input = h('textarea', { ...common, rows: 3, maxlength: 4000 }, value);
  else if (kind === 'select') input = h('select', common, h('option', { value: '' }, ''), options.map((option) => h('option', { value: option }, option)));
  else if (kind === 'checkbox') input = h('input', { ...common, type: 'checkbox', value: 'yes' });
  else input = h('input', { ...common, type: kind, value, maxlength: kind === 'email' ? 254 : 100 });
  const error = h('span', { class: 'field-error', id: `${id}-error` });
  input.setAttribute('aria-describedby', error.id);
  const caption = h('label', { for: id }, label, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : '');
  return h('div', { class: `field field-${kind}` }, kind === 'checkbox' ? [input, caption] : [caption, input], error);
}

/** The extra fields of `departmentId`, or none when the server has no such list. */
export async function extraFields(api, departmentId) {
  try {
    const answer = await api.get('/v1/prechat-fields', { departmentId }, { auth: false });
    return answer.items || [];
  } catch {
    return [];
  }
}

/** Marks the input the server named (`name`, `email`, `message`, `fields.<key>`) as wrong. */
export function markInvalid(form, fieldName, message) {
  const key = fieldName?.startsWith('fields.') ? fieldName.slice(7) : fieldName;
  const input = key && form.querySelector(`#field-${CSS.escape(key)}`);
  if (!input) return false;
  input.setAttribute('aria-invalid', 'true');
  form.querySelector(`#field-${CSS.escape(key)}-error`).textContent = message;
  input.focus();
  return true;
}

export function clearInvalid(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const error of form.querySelectorAll('.field-error')) error.textContent = '';
}

/** The captcha block: hidden until `ask()` fetches an image; `answer()` is `{id, answer}` or null. */
export class CaptchaBox {
  constructor({ api, t }) {
    this.api = api;
    this.t = t;
    this.id = null;
    this.image = h('img', { class: 'captcha-image', alt: t('captchaImage'), width: 200, height: 70 });
    this.input = h('input', { id: 'field-captcha', name: 'captcha', autocomplete: 'off', maxlength: 32, required: true });
    this.element = h(
      'div',
      { class: 'captcha', hidden: true },
      h('p', { class: 'form-note' }, t('captchaExplain')),
      this.image,
      h('button', { type: 'button', class: 'link-button', onclick: () => this.ask() }, t('captchaNew')),
      h('label', { for: 'field-captcha' }, t('captchaAnswer')),
      this.input,
    );
  }

  async ask() {
    const captcha = await this.api.get('/v1/captcha', undefined, { auth: false });
    this.id = captcha.id;
    this.image.src = captcha.image;
    this.input.value = '';
    this.element.hidden = false;
    this.input.focus();
  }

  answer() {
    return this.id ? { id: this.id, answer: this.input.value.trim() } : null;
  }
}
