// What the widget remembers in this browser (the frame's localStorage, kept per site by the
// browser): the visitor's tokens (through Api), its current chat, the cursor of the last event
// shown, the unread count and the agents' names, so a new page or a reload resumes the chat.

import { Api } from '/shared/api.js';

const STATE_KEY = 'parley.widget.state';

export class Session {
  constructor(storage = window.localStorage) {
    this.storage = storage;
    this.api = new Api({ storageKey: 'parley.widget.credentials', storage });
    this.state = this.read();
  }

  read() {
    try {
      return { ...empty(), ...JSON.parse(this.storage.getItem(STATE_KEY) || '{}') };
    } catch {
      return empty();
    }
  }

  save() {
    this.storage.setItem(STATE_KEY, JSON.stringify(this.state));
  }

  update(changes) {
    // Another page of the site may have moved on meanwhile (a later cursor): keep the newest.
    const stored = this.read();
    this.state = { ...this.state, ...changes, cursor: Math.max(stored.cursor, changes.cursor ?? this.state.cursor) };
    this.save();
  }

  get chatId() {
    return this.state.chatId;
  }

  /** Forgets everything: the visitor's session ended or was refused. */
  forget() {
    this.api.clearCredentials();
    this.state = empty();
    this.save();
  }
}

function empty() {
  return { visitorId: null, chatId: null, cursor: 0, unread: 0, open: false, agentNames: {}, ended: false, rated: false };
}
