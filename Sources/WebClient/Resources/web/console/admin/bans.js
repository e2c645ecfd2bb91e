// Bans: one visitor, or an address, block or span of addresses; lifting one.
import { crudSection, when } from '/console/admin/crud.js';

export function bansPage(ctx) {
  const { t, api } = ctx;
  return crudSection({
    ctx,
    title: t('admin.bans'),
    load: async () => (await api.get('/v1/bans')).items,
    columns: [
      { label: t('bans.target'), value: (b) => (b.visitorId ? t('bans.visitor', { id: b.visitorId }) : b.addresses) },
      { label: t('bans.reason'), value: (b) => b.reason || '' },
      { label: t('bans.since'), value: (b) => when(ctx, b.createdAt) },
    ],
    actions: [{ label: t('bans.lift'), danger: true, run: (b) => api.delete(`/v1/bans/${encodeURIComponent(b.id)}`) }],
    form: {
      title: t('bans.add'),
      button: t('bans.create'),
      fields: [
        { name: 'addresses', label: t('bans.addresses'), placeholder: '192.0.2.0/24' },
        { name: 'visitorId', label: t('bans.visitorId') },
        { name: 'reason', label: t('bans.reason') },
      ],
      submit: (v) => api.post('/v1/bans', {
        ...(v.visitorId.trim() ? { visitorId: v.visitorId.trim() } : { addresses: v.addresses.trim() }),
        ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
      }),
    },
  }).node;
}
