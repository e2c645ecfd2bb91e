// The console's entry: loads the strings, signs in (or resumes the stored session), then
// wires the live feed, the chat store, the sidebar and the hash routes together.
import { Api } from '/shared/api.js';
import { Feed } from '/shared/feed.js';
import { byId } from '/shared/dom.js';
import { loadStrings, pickLanguage, translatePage } from '/shared/i18n.js';
import { ChatStore } from '/console/store.js';
import { showSignIn, hideSignIn, wireSignOut } from '/console/session.js';
import { Sidebar } from '/console/queue.js';
import { Notifier } from '/console/notify.js';
import { StatusSwitch } from '/console/status.js';
import { Directory } from '/console/directory.js';
import { Router } from '/console/router.js';

const api = new Api({ storageKey: 'parley.console.session' });

async function boot() {
  const t = await loadStrings('console', pickLanguage());
  translatePage(document, t);
  api.onSignedOut(() => window.location.reload());
  if (api.signedIn) {
    try {
      await start(t);
      return;
    } catch (error) {
      if (error.status !== 401 && error.status !== 403) throw error;
      api.clearCredentials();
    }
  }
  showSignIn(api, t, () => start(t));
}

/** The signed-in console: everything below the sign-in form. */
async function start(t) {
  const me = await api.get('/v1/me');
  if (me.type !== 'agent') throw Object.assign(new Error('not an agent'), { status: 403 });
  hideSignIn();
  const ctx = { api, t, me: me.agent, store: new ChatStore(), viewing: null };
  ctx.directory = new Directory(api);
  await ctx.directory.load();
  byId('me-name').textContent = ctx.me.name;
  byId('admin-link').hidden = !ctx.me.isAdmin;
  wireSignOut(api);
  ctx.notifier = new Notifier(ctx);
  ctx.status = new StatusSwitch(ctx);
  await ctx.status.load();

  // Start the feed where the server stands now, then read the open chats: an event that
  // lands in between comes twice, and the store keeps it once.
  const { cursor } = await api.get('/v1/sync', { cursor: 'latest', timeout: 0 });
  const open = await api.get('/v1/chats', { state: 'queued,active,transferring', limit: 500 });
  for (const chat of open.items) ctx.store.putChat(chat);
  ctx.sidebar = new Sidebar(ctx);
  ctx.router = new Router(ctx);

  ctx.feed = new Feed({
    api,
    cursor,
    visitorRevision: 'latest',
    onEvent: (event) => receive(ctx, event),
    onTyping: (typing) => ctx.router.typing(typing),
    onPresence: (presence) => {
      ctx.directory.presence(presence);
      if (presence.agentId === ctx.me.id) ctx.status.show(presence.status, presence.awayReason);
    },
    onVisitors: (visitors) => ctx.router.visitors(visitors),
    onStatus: (status) => showConnection(t, status),
  });
  showConnection(t, 'connecting');
  ctx.feed.start();
  ctx.router.start();
}

const pendingChats = new Map();

/** One new event from the feed: into the store (reading its chat first if new), then the alerts. */
async function receive(ctx, event) {
  if (!ctx.store.has(event.chatId)) {
    if (!pendingChats.has(event.chatId)) {
      pendingChats.set(event.chatId, ctx.api.get(`/v1/chats/${encodeURIComponent(event.chatId)}`)
        .then(async (chat) => {
          // A department made after the console loaded: read them again for its name.
          if (!ctx.directory.department(chat.departmentId)) await ctx.directory.load().catch(() => {});
          ctx.store.putChat(chat);
        })
        .catch(() => {})
        .finally(() => pendingChats.delete(event.chatId)));
    }
    await pendingChats.get(event.chatId);
  }
  if (!ctx.store.addEvent(event)) return;
  const chat = ctx.store.get(event.chatId)?.chat;
  if (!chat) return;
  if (event.type === 'state' && event.state === 'queued' && event.id === 0) ctx.notifier.newChat(chat);
  if (event.type === 'message' && event.author.type === 'visitor') {
    const inView = ctx.viewing === chat.id && document.visibilityState === 'visible';
    if (ctx.viewing !== chat.id) ctx.store.markUnread(chat.id);
    if (!inView && chat.agentId === ctx.me.id) ctx.notifier.newMessage(chat, event);
  }
}

/** The connection pill: an offline browser is reconnecting too, as far as a person can tell. */
function showConnection(t, status) {
  const pill = byId('connection');
  const shown = status === 'offline' ? 'reconnecting' : status;
  pill.dataset.state = shown;
  pill.textContent = t(`connection.${shown}`);
}

boot().catch((error) => {
  const main = document.getElementById('main') || document.body;
  main.textContent = String(error.message || error);
});
