// An agent's invitation to chat (`invitation.answer: pending` on the visitor's own overview,
// which its feed carries): a bubble beside the launcher with "Accept" and "No thanks".
// Accepting opens the pre-chat form; the answer goes to `POST /v1/visitors/me/invitation`.

import { h } from '/shared/dom.js';

/** The bubble's content; `onAnswer(accept)` after the server took the answer. */
export function invitationBubble({ api, t, onAnswer }) {
  const answer = async (accept) => {
    try {
      await api.post('/v1/visitors/me/invitation', { accept });
    } catch {
      // Already answered elsewhere, or withdrawn: the visitor's choice still stands here.
    }
    onAnswer(accept);
  };
  return h(
    'div',
    { class: 'invitation', role: 'group', 'aria-labelledby': 'invitation-text' },
    h('p', { id: 'invitation-text' }, t('invited')),
    h(
      'div',
      { class: 'invitation-actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => answer(true) }, t('accept')),
      h('button', { type: 'button', class: 'secondary', onclick: () => answer(false) }, t('decline')),
    ),
  );
}
