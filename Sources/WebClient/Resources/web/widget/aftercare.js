// What the visitor can do once the chat ended: rate it (1 to 5, with a comment), have the
// transcript emailed (when the server can send mail), or start a new chat.

import { h } from '/shared/dom.js';
import { widgetSettings } from './settings.js';

export class Aftercare {
  constructor({ api, chatId, t, session, onNewChat }) {
    this.api = api;
    this.path = `/v1/chats/${encodeURIComponent(chatId)}`;
    this.t = t;
    this.session = session;
    this.element = h('div', { class: 'aftercare', hidden: true });
    this.newChat = h('button', { type: 'button', class: 'secondary', onclick: onNewChat }, t('newChat'));
  }

  async show({ ratable }) {
    this.element.hidden = false;
    const { transcripts: transcript } = await widgetSettings(this.api);
    this.element.replaceChildren(
      ratable ? this.ratingForm() : '',
      transcript ? this.transcriptButton() : '',
      this.newChat,
    );
  }

  ratingForm() {
    const note = h('p', { class: 'form-note', role: 'status' });
    const stars = [1, 2, 3, 4, 5].map((score) =>
      h('label', { class: 'star' }, h('input', { type: 'radio', name: 'score', value: score, required: score === 1 }), h('span', {}, String(score))),
    );
    const comment = h('textarea', { id: 'rating-comment', name: 'comment', rows: 2, maxlength: 1000 });
    const form = h(
      'form',
      { class: 'rating', onsubmit: (event) => this.rate(event, form, note) },
      h('fieldset', {}, h('legend', {}, this.t('rateLegend')), h('div', { class: 'stars' }, stars)),
      h('label', { for: 'rating-comment' }, this.t('ratingComment')),
      comment,
      h('button', { type: 'submit' }, this.t('sendRating')),
      note,
    );
    return form;
  }

  async rate(event, form, note) {
    event.preventDefault();
    const data = new FormData(form);
    const comment = String(data.get('comment') || '').trim();
    try {
      await this.api.post(`${this.path}/rating`, { score: Number(data.get('score')), comment: comment || undefined });
      this.session.update({ rated: true });
      form.replaceChildren(h('p', { class: 'form-note', role: 'status' }, this.t('ratingThanks')));
    } catch (error) {
      if (error.code === 'already_rated') form.replaceChildren(h('p', { class: 'form-note' }, this.t('ratingThanks')));
      else note.textContent = error.message;
    }
  }

  transcriptButton() {
    const note = h('p', { class: 'form-note', role: 'status' });
    const button = h('button', { type: 'button', class: 'secondary', onclick: () => this.sendTranscript(holder, button, note) }, this.t('emailTranscript'));
    const holder = h('div', { class: 'transcript' }, button, note);
    return holder;
  }

  async sendTranscript(holder, button, note) {
    button.disabled = true;
    try {
      await this.api.post(`${this.path}/transcript`, {});
      note.textContent = this.t('transcriptSent');
    } catch (error) {
      if (error.code === 'email_not_configured') holder.remove();
      else {
        note.textContent = error.status === 429 ? this.t('transcriptLimit') : error.message;
        button.disabled = false;
      }
    }
  }
}
