// The agent's lines the visitor has not seen (the panel closed, or the page in the
// background), counted on the launcher's badge and kept in the session across pages.

export class UnreadCount {
  constructor({ session, shell }) {
    this.session = session;
    this.shell = shell;
    shell.setUnread(session.state.unread);
  }

  /** One more line arrived; it counts unless the visitor has the chat in view. */
  arrived() {
    if (this.shell.isOpen && !document.hidden) return;
    const unread = this.session.read().unread + 1;
    this.session.update({ unread });
    this.shell.setUnread(unread);
  }

  /** The visitor sees the chat: nothing is unread any more. */
  clear() {
    this.session.update({ unread: 0 });
    this.shell.setUnread(0);
  }
}
