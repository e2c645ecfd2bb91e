// Getting an agent's attention: a short tone (made with WebAudio, no audio file), a desktop
// notification (permission asked from a click, as browsers require), for a new chat, while
// a chat still waits unanswered, and for a new message in a chat not in view.
import { byId } from '/shared/dom.js';

/** How often a chat that still waits is recalled, and how long it must wait first. */
const REMINDER_MS = 60_000;
const SOUND_KEY = 'parley.console.sound';

export class Notifier {
  constructor(ctx) {
    this.ctx = ctx;
    this.soundOn = localStorage.getItem(SOUND_KEY) !== 'off';
    const toggle = byId('sound-toggle');
    toggle.setAttribute('aria-pressed', String(this.soundOn));
    toggle.addEventListener('click', () => {
      this.soundOn = !this.soundOn;
      localStorage.setItem(SOUND_KEY, this.soundOn ? 'on' : 'off');
      toggle.setAttribute('aria-pressed', String(this.soundOn));
      this.unlock();
    });
    const permission = byId('notify-permission');
    permission.hidden = !('Notification' in window) || Notification.permission !== 'default';
    permission.addEventListener('click', async () => {
      this.unlock();
      await Notification.requestPermission();
      permission.hidden = Notification.permission !== 'default';
    });
    // Browsers let audio start only after a gesture: the context waits suspended until the
    // first key or click on the page (the sign-in click, usually) resumes it.
    this.audio = window.AudioContext ? new AudioContext() : null;
    for (const type of ['pointerdown', 'keydown', 'click']) document.addEventListener(type, () => this.unlock(), { once: true });
    this.reminder = setInterval(() => this.remind(), REMINDER_MS);
  }

  unlock() {
    if (this.audio?.state === 'suspended') this.audio.resume().catch(() => {});
  }

  /** Two short rising notes. */
  beep() {
    if (!this.soundOn || !this.audio || this.audio.state !== 'running') return;
    const start = this.audio.currentTime;
    [660, 880].forEach((frequency, index) => {
      const oscillator = this.audio.createOscillator();
      const gain = this.audio.createGain();
      oscillator.frequency.value = frequency;
      const at = start + index * 0.16;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.14);
      oscillator.connect(gain).connect(this.audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.15);
    });
  }

  desktop(title, body, chatId) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    const notice = new Notification(title, { body, tag: `parley-${chatId}` });
    notice.onclick = () => {
      window.focus();
      window.location.hash = `#/chats/${encodeURIComponent(chatId)}`;
      notice.close();
    };
  }

  /** Whether the agent can take chats of this department now. */
  concerns(chat) {
    const { me } = this.ctx;
    return me.status === 'online' && (me.isAdmin || me.departmentIds.includes(chat.departmentId));
  }

  newChat(chat) {
    if (!this.concerns(chat)) return;
    const { t, directory } = this.ctx;
    this.beep();
    this.desktop(t('notify.newChat'), directory.departmentName(chat.departmentId), chat.id);
  }

  newMessage(chat, event) {
    this.beep();
    this.desktop(this.ctx.t('notify.newMessage', { name: chat.visitor?.name || '' }), event.text || '', chat.id);
  }

  remind() {
    const waiting = this.ctx.store.chats().filter((chat) => chat.state === 'queued'
      && Date.now() - Date.parse(chat.createdAt) > REMINDER_MS && this.concerns(chat));
    if (waiting.length === 0) return;
    this.beep();
    this.desktop(this.ctx.t('notify.stillWaiting', { count: waiting.length }), '', waiting[0].id);
  }
}
