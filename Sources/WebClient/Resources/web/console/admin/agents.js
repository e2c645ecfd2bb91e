// Agents: who they are, their departments, whether admin, their status; adding one.
import { crudSection } from '/console/admin/crud.js';

export function agentsPage(ctx) {
  const { t, api, directory } = ctx;
  return crudSection({
    ctx,
    title: t('admin.agents'),
    load: async () => {
      directory.agents = (await api.get('/v1/agents')).items;
      return directory.agents;
    },
    columns: [
      { label: t('agents.name'), value: (a) => a.name },
      { label: t('agents.email'), value: (a) => a.email },
      { label: t('agents.departments'), value: (a) => a.departmentIds.map((id) => directory.departmentName(id)).join(', ') },
      { label: t('agents.role'), value: (a) => (a.isAdmin ? t('agents.admin') : t('agents.agent')) },
      { label: t('agents.status'), value: (a) => (a.awayReason ? t('status.awayFor', { reason: a.awayReason }) : t(`status.${a.status}`)) },
    ],
    form: {
      title: t('agents.add'),
      button: t('agents.create'),
      fields: [
        { name: 'name', label: t('agents.name'), required: true },
        { name: 'email', label: t('agents.email'), type: 'email', required: true },
        { name: 'password', label: t('agents.password'), type: 'password', required: true, autocomplete: 'new-password' },
        { name: 'departmentIds', label: t('agents.departments'), type: 'checkboxes',
          options: () => directory.departments.map((d) => ({ value: String(d.id), label: d.name })) },
        { name: 'isAdmin', label: t('agents.makeAdmin'), type: 'checkbox' },
      ],
      submit: (v) => api.post('/v1/agents', { ...v, departmentIds: v.departmentIds.map(Number) }),
    },
  }).node;
}
