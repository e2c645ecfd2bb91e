// The custom away statuses agents may choose ("Lunch", "Meeting").
import { crudSection } from '/console/admin/crud.js';

export function awayStatusesPage(ctx) {
  const { t, api } = ctx;
  return crudSection({
    ctx,
    title: t('admin.away-statuses'),
    load: async () => (await api.get('/v1/away-statuses')).items.map((name) => ({ name })),
    columns: [{ label: t('away.name'), value: (s) => s.name }],
    actions: [{ label: t('common.remove'), danger: true, run: (s) => api.delete(`/v1/away-statuses/${encodeURIComponent(s.name)}`) }],
    form: {
      title: t('away.add'),
      button: t('away.create'),
      fields: [{ name: 'name', label: t('away.name'), required: true }],
      submit: (v) => api.post('/v1/away-statuses', v),
    },
  }).node;
}
