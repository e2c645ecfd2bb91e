// The pre-chat form's extra fields, asked before a chat starts: the whole list is replaced
// at once (`PUT /v1/prechat-fields`).
import { crudSection } from '/console/admin/crud.js';

const TYPES = ['text', 'email', 'tel', 'textarea', 'select', 'checkbox'];

export function prechatPage(ctx) {
  const { t, api, directory } = ctx;
  let fields = [];
  const save = (items) => api.put('/v1/prechat-fields', { items });
  return crudSection({
    ctx,
    title: t('admin.prechat'),
    load: async () => {
      fields = (await api.get('/v1/prechat-fields')).items;
      return fields;
    },
    columns: [
      { label: t('prechat.key'), value: (f) => f.key },
      { label: t('prechat.label'), value: (f) => f.label },
      { label: t('prechat.type'), value: (f) => t(`prechat.type.${f.type}`) },
      { label: t('prechat.required'), value: (f) => (f.required ? t('common.yes') : t('common.no')) },
      { label: t('prechat.options'), value: (f) => (f.options || []).join(', ') },
      { label: t('canned.department'), value: (f) => (f.departmentId ? directory.departmentName(f.departmentId) : t('canned.all')) },
    ],
    actions: [{ label: t('common.remove'), danger: true, run: (f) => save(fields.filter((other) => other !== f)) }],
    form: {
      title: t('prechat.add'),
      button: t('prechat.create'),
      fields: [
        { name: 'key', label: t('prechat.key'), required: true },
        { name: 'label', label: t('prechat.label'), required: true },
        { name: 'type', label: t('prechat.type'), type: 'select', options: TYPES.map((type) => ({ value: type, label: t(`prechat.type.${type}`) })) },
        { name: 'options', label: t('prechat.optionsHint') },
        { name: 'required', label: t('prechat.required'), type: 'checkbox' },
        { name: 'departmentId', label: t('canned.department'), type: 'select',
          options: () => [{ value: '', label: t('canned.all') }, ...directory.departments.map((d) => ({ value: String(d.id), label: d.name }))] },
      ],
      submit: (v) => save([...fields, {
        key: v.key.trim(), label: v.label.trim(), type: v.type, required: v.required,
        options: v.options.split(',').map((option) => option.trim()).filter(Boolean),
        departmentId: v.departmentId ? Number(v.departmentId) : null,
      }]),
    },
  }).node;
}
