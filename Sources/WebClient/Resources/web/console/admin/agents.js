// Agents: who they are, their departments, whether admin, their status; adding one.
import { h } from '/shared/dom.js';
import { crudSection } from '/console/admin/crud.js';
import { errorText } from '/console/errors.js';

/** The agent's departments, changed in place: a disclosure with a box per department. */
function departmentsEditor(ctx, agent) {
  const { t, api, directory } = ctx;
  const boxes = directory.departments.map((department) => {
    const id = `agent-${agent.id}-department-${department.id}`;
    const box = h('input', { type: 'checkbox', id, value: String(department.id), checked: agent.departmentIds.includes(department.id) });
    return { box, node: h('label', { for: id, class: 'check' }, box, department.name) };
  });
  const names = () => agent.departmentIds.map((id) => directory.departmentName(id)).join(', ') || t('agents.noDepartment');
  const summary = h('summary', {}, names());
  const save = h('button', { type: 'button', class: 'small-button' }, t('agents.saveDepartments'));
  save.addEventListener('click', async () => {
    const departmentIds = boxes.filter(({ box }) => box.checked).map(({ box }) => Number(box.value));
    try {
      const changed = await api.put(`/v1/agents/${encodeURIComponent(agent.id)}/departments`, { departmentIds });
      agent.departmentIds = changed.departmentIds;
      summary.textContent = names();
      ctx.router.flash(t('admin.saved'));
    } catch (error) {
      ctx.router.flash(errorText(t, error));
    }
  });
  return h('details', { class: 'inline-editor' }, summary, h('div', { class: 'checks' }, boxes.map(({ node }) => node)), save);
}

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
      { label: t('agents.departments'), value: (a) => departmentsEditor(ctx, a) },
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
