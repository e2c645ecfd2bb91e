// What the console knows about the open chats: each chat with its events, keyed by the
// chat's id and the event's per-chat id, so that an event seen twice (in a chat's history
// and again on the live feed) is kept and shown once.

/** Events that change what a chat is, applied in order to the chat they belong to. */
function apply(chat, event) {
  switch (event.type) {
    case 'state':
      chat.state = event.state;
      if (event.state === 'queued' || event.state === 'transferring') chat.agentId = null;
      if (event.state !== 'queued' && event.state !== 'transferring') chat.offeredTo = null;
      break;
    case 'joined':
      chat.agentId = event.author?.id ?? chat.agentId;
      chat.offeredTo = null;
      break;
    case 'offered':
      chat.offeredTo = event.agentId;
      break;
    case 'offer_withdrawn':
      if (chat.offeredTo === event.agentId) chat.offeredTo = null;
      break;
    case 'transferred':
      if (event.departmentId != null) chat.departmentId = event.departmentId;
      break;
    default:
      break;
  }
  if (event.id > (chat.lastEventId ?? -1)) chat.lastEventId = event.id;
  chat.updatedAt = event.createdAt;
}

export class ChatStore {
  constructor() {
    /** @type {Map<string, {chat: object, events: Map<number, object>, unread: number}>} */
    this.entries = new Map();
    this.listeners = new Set();
  }

  /** `listener(change)` with `change` = `{chatId, kind: 'chat'|'event', event?}`. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change) {
    for (const listener of this.listeners) listener(change);
  }

  has(chatId) {
    return this.entries.has(chatId);
  }

  get(chatId) {
    return this.entries.get(chatId);
  }

  chats() {
    return [...this.entries.values()].map((entry) => entry.chat);
  }

  /** Adds or refreshes a chat as the server describes it (a list item or a full chat). */
  putChat(chat) {
    const entry = this.entries.get(chat.id);
    if (entry) {
      // A description read before events already applied here must not roll the chat back.
      if ((chat.lastEventId ?? -1) >= (entry.chat.lastEventId ?? -1)) Object.assign(entry.chat, chat);
      else entry.chat.visitor = chat.visitor ?? entry.chat.visitor;
    } else {
      this.entries.set(chat.id, { chat: { ...chat }, events: new Map(), unread: 0 });
    }
    this.emit({ chatId: chat.id, kind: 'chat' });
  }

  /** Keeps an event once; answers whether it was new. */
  addEvent(event) {
    const entry = this.entries.get(event.chatId);
    if (!entry || entry.events.has(event.id)) return false;
    entry.events.set(event.id, event);
    // The chat's description already counts the events up to its lastEventId.
    if (event.id > (entry.chat.lastEventId ?? -1)) apply(entry.chat, event);
    this.emit({ chatId: event.chatId, kind: 'event', event });
    return true;
  }

  /** A chat's events in per-chat order. */
  events(chatId) {
    const entry = this.entries.get(chatId);
    return entry ? [...entry.events.values()].sort((a, b) => a.id - b.id) : [];
  }

  markUnread(chatId) {
    const entry = this.entries.get(chatId);
    if (!entry) return;
    entry.unread += 1;
    this.emit({ chatId, kind: 'chat' });
  }

  markRead(chatId) {
    const entry = this.entries.get(chatId);
    if (!entry || entry.unread === 0) return;
    entry.unread = 0;
    this.emit({ chatId, kind: 'chat' });
  }
}
