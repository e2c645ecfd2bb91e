// The widget inside its frame: tracks the page, follows the visitor's feed, and shows the
// pre-chat (or offline) form, the chat, or an invitation, resuming the chat this browser holds.

import { Feed } from '/shared/feed.js';
import { byId, replaceChildren } from '/shared/dom.js';
import { loadStrings, pickLanguage, translatePage } from '/shared/i18n.js';
import { HostBridge } from './bridge.js';
import { Conversation } from './conversation.js';
import { invitationBubble } from './invitation.js';
import { AgentNames } from './names.js';
import { preChatView } from './prechat.js';
import { Session } from './session.js';
import { Shell } from './shell.js';
import { keepPresent, sendVariables, trackPage } from './tracking.js';
import { SiteCalls } from './site-calls.js';
import { UnreadCount } from './unread.js';

class Widget {
  constructor({ bridge, t, departmentId }) {
    this.bridge = bridge;
    this.t = t;
    this.departmentId = departmentId;
    this.session = new Session();
    this.shell = new Shell({ bridge, t });
    this.names = new AgentNames({ session: this.session, t });
    this.view = byId('view');
    this.site = new SiteCalls({
      open: () => this.shell.open(),
      close: () => this.shell.close(),
      variables: (list) => sendVariables(this.session, list).catch(() => {}),
    });
    this.unread = new UnreadCount({ session: this.session, shell: this.shell });
    this.conversation = null;
    this.feed = null;
    this.invited = false;
    this.preChatOpen = keepPresent(this.session);
    this.shell.on('open', () => this.opened());
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.shell.isOpen) this.unread.clear();
    });
    this.shell.on('close', () => {
      this.session.update({ open: false });
      this.preChatOpen(false);
    });
    bridge.onCommand((name, value) => this.site.apply(name, value));
    // The visitor's session ended on the server (revoked, expired): start afresh as a new visitor.
    this.session.api.onSignedOut(() => {
      this.session.forget();
      location.reload();
    });
  }

  async start() {
    const host = await this.bridge.start();
    this.page = host.page;
    for (const call of host.commands) this.site.apply(call.name, call.value);
    this.shell.report();
    try {
      await trackPage(this.session, this.page, this.site.user, this.site.variables);
    } catch (error) {
      if (error.code === 'banned') return this.bridge.layout(false, 0, 0);
    }
    this.follow();
    if (this.session.chatId) {
      await this.showChat(this.session.chatId).catch(() => {
        // The chat is gone (erased, or another visitor's session): the form comes instead.
        this.conversation = null;
        this.session.update({ chatId: null });
      });
    }
    this.site.ready = true;
    if (this.session.state.open || this.site.openWanted) this.shell.open();
    // Said on the page for anyone who waits for the widget to be ready (the browser tests).
    document.body.dataset.ready = 'true';
  }

  follow() {
    if (this.feed || !this.session.api.signedIn) return;
    this.feed = new Feed({
      api: this.session.api,
      cursor: this.session.state.cursor,
      visitorRevision: 0,
      onEvent: (event) => this.onEvent(event),
      onTyping: (typing) => this.conversation?.typing(typing),
      onVisitors: (visitors) => this.onVisitor(visitors.find((one) => one.id === this.session.state.visitorId) || visitors[0]),
      onStatus: (status) => {
        this.shell.setConnection(status);
        if (status === 'live') this.conversation?.resumed();
      },
    });
    this.feed.start();
  }

  onEvent(event) {
    this.session.update({ cursor: event.cursor });
    if (this.conversation?.chatId === event.chatId) {
      this.conversation.receive(event);
    } else if (event.type === 'state' && event.state === 'queued' && event.id === 0 && (!this.session.chatId || this.session.state.ended)) {
      this.adopt(event.chatId);
    }
  }

  /** A chat started (here, before its answer came, or on another page of the site): follow it unless it is over. */
  async adopt(chatId) {
    try {
      const chat = await this.session.api.get(`/v1/chats/${encodeURIComponent(chatId)}`);
      if (chat.state !== 'ended') await this.showChat(chatId, true);
    } catch {
      // Not this visitor's to show (gone, or the session changed meanwhile).
    }
  }

  onVisitor(me) {
    if (!me) return;
    this.conversation?.status.setUnstaffed(me.status === 'offlineMessage');
    const pending = me.invitation?.answer === 'pending' && !this.conversation;
    if (pending === this.invited) return;
    this.invited = pending;
    const bubble = pending
      ? invitationBubble({ api: this.session.api, t: this.t, onAnswer: (accept) => this.invitationAnswered(accept) })
      : null;
    this.shell.setTeaser(this.shell.isOpen ? null : bubble);
  }

  /** Accepting opens the panel on the invitation's form (see `opened`); declining only hides the bubble. */
  invitationAnswered(accept) {
    this.shell.setTeaser(null);
    this.invited = accept;
    if (accept) this.shell.open();
  }

  opened() {
    this.shell.setTeaser(null);
    this.session.update({ open: true });
    this.unread.clear();
    if (!this.conversation) this.showPreChat(this.invited);
  }

  async showPreChat(invitation = false, draft = {}) {
    this.preChatOpen(true);
    const form = await preChatView({
      session: this.session, t: this.t, departmentId: this.departmentId, user: this.site.user, draft, page: this.page, invitation,
      onStarted: (answer) => this.chatStarted(answer),
      onAlreadyOpen: () => this.adoptOpenChat(),
      onClosed: (typed) => this.showPreChat(false, typed),
    });
    if (this.conversation) return;
    replaceChildren(this.view, form);
    if (this.shell.isOpen) this.shell.focusFirst();
  }

  async chatStarted(answer) {
    if (answer.credentials) this.session.api.setCredentials(answer.credentials);
    this.session.update({ visitorId: answer.chat.visitorId });
    this.preChatOpen(false);
    this.follow();
    await this.showChat(answer.chat.id, true);
    this.shell.focusFirst();
  }

  async adoptOpenChat() {
    const me = await this.session.api.get('/v1/visitors/me');
    if (me.currentChatId) await this.showChat(me.currentChatId);
  }

  /** Shows `chatId`: `fresh` for a chat that just started, which the site hears of. */
  async showChat(chatId, fresh = false) {
    if (this.conversation?.chatId === chatId) return;
    this.conversation?.stop();
    this.session.update(fresh ? { chatId, ended: false, rated: false } : { chatId });
    if (fresh) this.bridge.emit('chatStarted', { chatId });
    this.conversation = new Conversation({
      chatId, session: this.session, feed: this.feed, t: this.t, names: this.names,
      events: {
        message: (event) => this.onMessage(event),
        ended: () => {
          this.session.update({ ended: true });
          this.bridge.emit('chatEnded', { chatId });
        },
        newChat: () => this.newChat(),
      },
    });
    replaceChildren(this.view, this.conversation.element);
    await this.conversation.load();
    if (this.conversation.ended) this.session.update({ ended: true });
  }

  /** A new line arrived: the agent's lines are told to the site and counted while unseen. */
  onMessage(event) {
    if (event.author.type !== 'agent') return;
    this.bridge.emit('message', {
      chatId: event.chatId, from: event.author.type, text: event.text ?? null,
      attachment: event.attachment ? { name: event.attachment.name } : null, at: event.createdAt,
    });
    this.unread.arrived();
  }

  newChat() {
    this.conversation?.stop();
    this.conversation = null;
    this.session.update({ chatId: null, ended: false, rated: false });
    this.showPreChat();
  }
}

const params = new URLSearchParams(location.search);
const bridge = new HostBridge();
const t = await loadStrings('widget', pickLanguage(params.get('lang') || undefined));
translatePage(document, t);
await new Widget({ bridge, t, departmentId: Number(params.get('department')) }).start();
