// One event of a chat as a line of the log. Every text a person wrote goes in as text.
import { h } from '/shared/dom.js';
import { formatTime } from '/shared/i18n.js';
import { attachmentView } from '/console/attachment.js';

/** The line for `event`, or null for events that say nothing to a person (offers). */
export function eventLine(ctx, event, chat) {
  const { t, directory, me } = ctx;
  const time = h('time', { datetime: event.createdAt, class: 'time' }, formatTime(event.createdAt, t.language));
  const who = () => {
    if (event.author.type === 'visitor') return chat?.visitor?.name || t('chat.visitor');
    if (event.author.id === me.id) return t('chat.you');
    return directory.agentName(event.author.id) || t('chat.agent');
  };
  switch (event.type) {
    case 'message':
      return h('li', { class: `line message from-${event.author.type}${event.author.id === me.id ? ' from-me' : ''}` },
        h('span', { class: 'author' }, who()),
        h('p', { class: 'text', dir: 'auto' }, event.text ?? ''),
        time);
    case 'note':
      return h('li', { class: 'line note' },
        h('span', { class: 'author' }, event.author.id === me.id ? t('chat.yourNote') : t('chat.noteBy', { name: who() })),
        h('p', { class: 'text', dir: 'auto' }, event.text ?? ''),
        time);
    case 'state':
      return system(t(`event.state.${event.state}`), time);
    case 'joined':
      return system(t('event.joined', { name: who() }), time);
    case 'transferred': {
      const target = event.agentId ? directory.agentName(event.agentId) : directory.departmentName(event.departmentId);
      return system(t('event.transferred', { name: who(), target }) + (event.text ? ` — ${event.text}` : ''), time);
    }
    case 'notice':
      return system(event.text || t('event.notice'), time);
    case 'rating':
      return system(t('event.rating', { score: event.score }) + (event.comment ? ` — ${event.comment}` : ''), time);
    case 'attachment':
      return h('li', { class: `line message from-${event.author.type}` },
        h('span', { class: 'author' }, who()),
        event.attachment ? attachmentView(ctx, event.attachment) : null,
        time);
    default:
      return null;
  }
}

function system(text, time) {
  return h('li', { class: 'line system' }, h('span', { class: 'text' }, text), time);
}
