// Webhook endpoints (enable, disable, delete) and the deliveries given up on (replay, drop).
import { h } from '/shared/dom.js';
import { crudSection, when } from '/console/admin/crud.js';

const EVENT_TYPES = ['chat.started', 'chat.queued', 'chat.taken', 'chat.transferred', 'chat.ended',
  'message.created', 'offline_message.created', 'agent.status_changed', 'visitor.banned'];

export function webhooksPage(ctx) {
  const { t, api } = ctx;
  const hooks = crudSection({
    ctx,
    title: t('admin.webhooks'),
    load: async () => (await api.get('/v1/webhooks')).items,
    columns: [
      { label: t('webhooks.url'), value: (w) => h('span', { class: 'url' }, w.url) },
      { label: t('webhooks.events'), value: (w) => (w.events.length ? w.events.join(', ') : t('webhooks.every')) },
      { label: t('webhooks.state'), value: (w) => (w.enabled ? t('webhooks.enabled') : `${t('webhooks.disabled')}: ${w.disabledReason || ''}`) },
      { label: t('webhooks.secret'), value: (w) => h('code', {}, w.secret) },
    ],
    actions: (w) => [
      { label: w.enabled ? t('webhooks.disable') : t('webhooks.enable'), run: () => api.patch(`/v1/webhooks/${encodeURIComponent(w.id)}`, { enabled: !w.enabled }) },
      { label: t('common.delete'), danger: true, run: () => api.delete(`/v1/webhooks/${encodeURIComponent(w.id)}`) },
    ],
    form: {
      title: t('webhooks.add'),
      button: t('webhooks.create'),
      fields: [
        { name: 'url', label: t('webhooks.url'), type: 'url', required: true },
        { name: 'events', label: t('webhooks.events'), type: 'checkboxes', options: EVENT_TYPES.map((type) => ({ value: type, label: type })) },
      ],
      submit: (v) => api.post('/v1/webhooks', { url: v.url.trim(), events: v.events }),
    },
  });
  const letters = crudSection({
    ctx,
    title: t('deadLetters.title'),
    load: async () => (await api.get('/v1/dead-letters')).items,
    columns: [
      { label: t('deadLetters.summary'), value: (d) => d.summary },
      { label: t('deadLetters.reason'), value: (d) => d.reason || '' },
      { label: t('deadLetters.attempts'), value: (d) => String(d.attempts) },
      { label: t('deadLetters.at'), value: (d) => when(ctx, d.deadAt || d.createdAt) },
    ],
    actions: [
      { label: t('deadLetters.replay'), run: (d) => api.post(`/v1/dead-letters/${encodeURIComponent(d.id)}/replay`) },
      { label: t('deadLetters.drop'), danger: true, run: (d) => api.delete(`/v1/dead-letters/${encodeURIComponent(d.id)}`) },
    ],
  });
  return h('div', {}, hooks.node, letters.node);
}
