// The visitor's lines on their way to the server. Each carries its own clientMessageId, so a
// send whose answer was lost is retried without storing the line twice; lines wait while the
// network is gone and go, in order, when it returns.

const RETRY_MS = 3_000;

export class Outbox {
  constructor({ api, chatId, onSent, onRefused }) {
    this.api = api;
    this.chatId = chatId;
    this.onSent = onSent;
    this.onRefused = onRefused;
    this.waiting = [];
    this.sending = false;
    this.timer = null;
  }

  /** A fresh id for a line or a file (random; `crypto.randomUUID` needs a secure page). */
  newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  /** Queues `text` and answers its clientMessageId. */
  add(text) {
    const clientMessageId = this.newId();
    this.waiting.push({ text, clientMessageId });
    this.flush();
    return clientMessageId;
  }

  async flush() {
    if (this.sending) return;
    this.sending = true;
    clearTimeout(this.timer);
    try {
      while (this.waiting.length) {
        const line = this.waiting[0];
        try {
          const event = await this.api.post(`/v1/chats/${encodeURIComponent(this.chatId)}/messages`, line);
          this.waiting.shift();
          this.onSent(event);
        } catch (error) {
          if (!error.status || error.status >= 500 || error.status === 429) {
            // Offline or a passing failure: try again soon, or at once when the feed is back.
            this.timer = setTimeout(() => this.flush(), (error.retryAfter || 0) * 1000 || RETRY_MS);
            return;
          }
          this.waiting.shift();
          this.onRefused(line.clientMessageId, error.message);
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
