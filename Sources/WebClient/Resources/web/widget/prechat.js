// Before a chat: the pre-chat form (name, email, the admin's extra fields, the first message)
// when the department is open and someone is online, or the offline form (name, email,
// message), stored as an offline message for its agents, outside its hours or with nobody online.

import { h } from '/shared/dom.js';
import { CaptchaBox, clearInvalid, extraFields, field, markInvalid } from './fields.js';

/** The form for the department `departmentId`, or a notice when it does not exist. */
export async function preChatView({ departmentId, ...options }) {
  let department = null;
  try {
    const answer = await options.session.api.get('/v1/departments', undefined, { auth: false });
    department = answer.items.find((one) => one.id === departmentId) || null;
  } catch {
    department = null;
  }
  if (!department) return h('p', { class: 'intro', role: 'alert' }, options.t('unavailable'));
  return preChatForm({ department, ...options });
}

/**
 * Builds the form for `department` (`{id, isOpen, closedMessage}`).
 * `onStarted(answer)` gets `POST /v1/chats`'s answer; `onAlreadyOpen()` is called when the
 * visitor holds an open chat already (another page started it), `onClosed()` when the
 * department closed while the form was open (with what was typed, `draft`, for the offline
 * form that takes its place).
 */
async function preChatForm({ session, t, department, user, draft = {}, page, invitation, onStarted, onAlreadyOpen, onClosed }) {
  const { api } = session;
  // Closed by its hours, or nobody there to answer (`agentsOnline`, when the server says).
  const offline = !department.isOpen || department.agentsOnline === false;
  const extras = offline ? [] : await extraFields(api, department.id);
  const captcha = new CaptchaBox({ api, t });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const closedIntro = department.isOpen ? t('nobodyOnlineIntro') : department.closedMessage || t('offlineIntro');
  const intro = offline ? closedIntro : invitation ? t('invitationIntro') : t('preChatIntro');
  const form = h(
    'form',
    { class: `prechat ${offline ? 'offline' : ''}`, novalidate: true },
    h('p', { class: 'intro' }, intro),
    offline ? h('p', { class: 'form-note' }, t('offlineExplain')) : '',
    field({ key: 'name', label: t('name'), required: true, value: draft.name || user.name || '', autocomplete: 'name' }),
    field({ key: 'email', label: t('email'), kind: 'email', required: true, value: draft.email || user.email || '', autocomplete: 'email' }),
    extras.map((extra) => field({ key: extra.key, label: extra.label, kind: extra.type, required: extra.required, options: extra.options || [] })),
    field({ key: 'message', label: t('message'), kind: 'textarea', required: true, value: draft.message || '' }),
    captcha.element,
    error,
    h('button', { type: 'submit', class: 'primary' }, offline ? t('leaveMessage') : t('startChat')),
  );
  form.querySelector(user.name ? '#field-message' : '#field-name').dataset.autofocus = '';

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalid(form);
    error.textContent = '';
    const missing = [...form.querySelectorAll('[required]')].find((input) => !input.closest('[hidden]') && !filled(input));
    if (missing) {
      markInvalid(form, missing.name, t('required'));
      return;
    }
    const values = new FormData(form);
    const body = {
      departmentId: department.id,
      name: values.get('name').trim(),
      email: values.get('email').trim(),
      message: values.get('message').trim(),
      sourceUrl: page.url || null,
      captcha: captcha.answer(),
    };
    if (!offline && extras.length) {
      body.fields = extras.map((extra) => ({ name: extra.key, value: extra.type === 'checkbox' ? (values.get(extra.key) ? 'yes' : 'no') : String(values.get(extra.key) || '') }));
    }
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      if (offline) {
        await api.post('/v1/offline-messages', body);
        form.replaceChildren(h('p', { class: 'intro', role: 'status', tabindex: -1, 'data-autofocus': '' }, t('offlineThanks')));
        form.firstChild.focus();
      } else {
        onStarted(await api.post('/v1/chats', body));
      }
    } catch (failure) {
      submit.disabled = false;
      await explain(failure);
    }
  });

  async function explain(failure) {
    if (failure.code === 'captcha_failed') {
      error.textContent = captcha.id ? t('captchaWrong') : '';
      await captcha.ask().catch(() => (error.textContent = t('tryLater')));
    } else if (failure.code === 'chat_already_open') {
      onAlreadyOpen();
    } else if (failure.code === 'department_closed') {
      const values = new FormData(form);
      onClosed({ name: values.get('name'), email: values.get('email'), message: values.get('message') });
    } else if (failure.status === 429) {
      error.textContent = t('tooMany', { seconds: failure.retryAfter || 60 });
    } else if (!(failure.field && markInvalid(form, failure.field, failure.message))) {
      error.textContent = failure.status ? failure.message : t('networkError');
    }
  }

  return form;
}

function filled(input) {
  return input.type === 'checkbox' ? input.checked : input.value.trim() !== '';
}
