// Canned responses: a shortcut agents type after `/`, a title and the text it inserts.
import { crudSection } from '/console/admin/crud.js';
import { forgetCannedResponses } from '/console/canned.js';

export function cannedPage(ctx) {
  const { t, api, directory } = ctx;
  const changed = (promise) => promise.then((answer) => {
    forgetCannedResponses();
    return answer;
  });
  return crudSection({
    ctx,
    title: t('admin.canned'),
    load: async () => (await api.get('/v1/canned-responses')).items,
    columns: [
      { label: t('canned.shortcut'), value: (c) => `/${c.shortcut}` },
      { label: t('canned.title'), value: (c) => c.title },
      { label: t('canned.text'), value: (c) => c.text },
      { label: t('canned.department'), value: (c) => (c.departmentId ? directory.departmentName(c.departmentId) : t('canned.all')) },
    ],
    actions: [{ label: t('common.delete'), danger: true, run: (c) => changed(api.delete(`/v1/canned-responses/${encodeURIComponent(c.id)}`)) }],
    form: {
      title: t('canned.add'),
      button: t('canned.create'),
      fields: [
        { name: 'shortcut', label: t('canned.shortcut'), required: true },
        { name: 'title', label: t('canned.title'), required: true },
        { name: 'text', label: t('canned.text'), type: 'textarea', required: true },
        { name: 'departmentId', label: t('canned.department'), type: 'select',
          options: () => [{ value: '', label: t('canned.all') }, ...directory.departments.map((d) => ({ value: String(d.id), label: d.name }))] },
      ],
      submit: (v) => changed(api.post('/v1/canned-responses', {
        shortcut: v.shortcut.trim().replace(/^\//, ''), title: v.title.trim(), text: v.text,
        ...(v.departmentId ? { departmentId: Number(v.departmentId) } : {}),
      })),
    },
  }).node;
}
