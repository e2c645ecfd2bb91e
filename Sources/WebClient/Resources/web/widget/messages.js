// How each event of the chat looks in the log. Every text from a person or the server goes in
// as text (dom.js's `h`), so markup someone typed shows as typed and never runs.

import { h } from '/shared/dom.js';
import { formatTime } from '/shared/i18n.js';
import { attachmentBody } from './attachments.js';

/** The events a visitor sees as a line of the log; the rest (offers, typing) are not lines. */
const SHOWN = new Set(['message', 'attachment', 'joined', 'notice', 'state', 'rating']);

/**
 * The log entry for `event`, or null when the event is not one the visitor reads as a line.
 * `names` answers an agent's display name (`names.label(agentId)` is a node kept up to date).
 */
export function renderEvent(event, { t, api, names }) {
  if (!SHOWN.has(event.type)) return null;
  const time = h('time', { datetime: event.createdAt, class: 'time' }, formatTime(event.createdAt, t.language));
  const key = `${event.chatId}:${event.id}`;
  if (event.type === 'message' || event.type === 'attachment') {
    const mine = event.author.type === 'visitor';
    const who = mine ? h('span', { class: 'author' }, t('you')) : names.label(event.author.id);
    const body = event.type === 'message' ? h('p', { class: 'text' }, event.text ?? '') : attachmentBody(event, { t, api });
    return h(
      'li',
      { class: `line ${mine ? 'from-visitor' : 'from-agent'}`, 'data-key': key, 'data-client-id': event.clientMessageId },
      h('div', { class: 'meta' }, who, ' ', time),
      body,
    );
  }
  const text = systemText(event, { t, names });
  return text === null ? null : h('li', { class: 'line system', 'data-key': key }, h('p', { class: 'text' }, text, ' '), time);
}

function systemText(event, { t, names }) {
  switch (event.type) {
    case 'joined':
      return names.label(event.author.id, 'joined');
    case 'notice':
      return event.text || null;
    case 'rating':
      return t('ratedLine', { score: event.score });
    case 'state':
      if (event.state === 'ended') return t('chatEnded');
      if (event.state === 'transferring') return t('transferring');
      return null;
    default:
      return null;
  }
}

/** A line the visitor sent that the server has not confirmed yet. */
export function renderPending(text, clientMessageId, t) {
  return h(
    'li',
    { class: 'line from-visitor pending', 'data-client-id': clientMessageId },
    h('div', { class: 'meta' }, h('span', { class: 'author' }, t('you')), ' ', h('span', { class: 'time' }, t('sending'))),
    h('p', { class: 'text' }, text),
  );
}
