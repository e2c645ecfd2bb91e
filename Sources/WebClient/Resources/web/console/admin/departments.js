// Departments (name, business calendar, open now, routing) and the business calendars they follow.
import { h } from '/shared/dom.js';
import { crudSection } from '/console/admin/crud.js';
import { errorText } from '/console/errors.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export function departmentsPage(ctx) {
  const { t, api, directory } = ctx;
  let calendars = [];
  const calendarKey = (calendar) => `${calendar.project}/${calendar.country}`;
  const loadCalendars = async () => {
    calendars = (await api.get('/v1/calendars')).items;
    return calendars;
  };
  const calendarChooser = (department) => {
    const id = `department-calendar-${department.id}`;
    const select = h('select', { id, 'aria-label': t('departments.calendarFor', { name: department.name }) },
      h('option', { value: '' }, t('departments.always')),
      calendars.map((calendar) => h('option', { value: calendarKey(calendar) }, calendarKey(calendar))));
    select.value = department.calendar || '';
    select.addEventListener('change', async () => {
      try {
        await api.patch(`/v1/departments/${department.id}`, { calendar: select.value || null });
        ctx.router.flash(t('admin.saved'));
      } catch (error) {
        ctx.router.flash(errorText(t, error));
      }
    });
    return select;
  };
  const routingChooser = (department) => {
    const select = h('select', { 'aria-label': t('departments.routingFor', { name: department.name }) },
      ['least_busy', 'round_robin'].map((mode) => h('option', { value: mode }, t(`routing.${mode}`))));
    select.value = department.routingMode;
    select.addEventListener('change', async () => {
      try {
        await api.put(`/v1/departments/${department.id}/routing`, {
          routingMode: select.value, maxChatsPerAgent: department.maxChatsPerAgent ?? null,
        });
        ctx.router.flash(t('admin.saved'));
      } catch (error) {
        ctx.router.flash(errorText(t, error));
      }
    });
    return select;
  };
  const departments = crudSection({
    ctx,
    title: t('admin.departments'),
    load: async () => {
      await loadCalendars().catch(() => []);
      const items = (await api.get('/v1/departments')).items;
      directory.departments = items;
      return items;
    },
    columns: [
      { label: t('departments.name'), value: (d) => d.name },
      { label: t('departments.calendar'), value: (d) => calendarChooser(d) },
      { label: t('departments.open'), value: (d) => (d.isOpen ? t('common.yes') : d.closedMessage || t('common.no')) },
      { label: t('departments.routing'), value: routingChooser },
    ],
    form: {
      title: t('departments.add'),
      button: t('departments.create'),
      fields: [
        { name: 'name', label: t('departments.name'), required: true },
        { name: 'calendar', label: t('departments.calendar'), type: 'select',
          options: () => [{ value: '', label: t('departments.always') }, ...calendars.map((c) => ({ value: calendarKey(c), label: calendarKey(c) }))] },
      ],
      submit: (values) => api.post('/v1/departments', values.calendar ? values : { name: values.name }),
    },
  });
  const calendarSection = crudSection({
    ctx,
    title: t('calendars.title'),
    load: loadCalendars,
    columns: [
      { label: t('calendars.key'), value: calendarKey },
      { label: t('calendars.timeZone'), value: (c) => c.time_zone },
      { label: t('calendars.hours'), value: (c) => (c.days?.workingDays || []).map((d) => `${t(`day.${d.day}`)} ${d.start_time}–${d.end_time}`).join(', ') },
      { label: t('calendars.now'), value: (c) => (c.dayStatus?.isOpen ? t('calendars.open') : t('calendars.closed')) },
    ],
    form: {
      title: t('calendars.add'),
      button: t('calendars.save'),
      fields: [
        { name: 'project', label: t('calendars.project'), required: true, placeholder: 'acme' },
        { name: 'country', label: t('calendars.country'), required: true, placeholder: 'us' },
        { name: 'timeZone', label: t('calendars.timeZone'), required: true, placeholder: 'America/New_York' },
        { name: 'days', label: t('calendars.days'), type: 'checkboxes', options: WEEKDAYS.map((day) => ({ value: day, label: t(`day.${day}`) })) },
        { name: 'start', label: t('calendars.start'), placeholder: '9:00' },
        { name: 'end', label: t('calendars.end'), placeholder: '17:00' },
        { name: 'message', label: t('calendars.message'), type: 'textarea' },
      ],
      submit: (v) => api.put(`/v1/calendars/${encodeURIComponent(v.project.trim())}/${encodeURIComponent(v.country.trim())}`, {
        time_zone: v.timeZone.trim(),
        workingDayMessage: v.message.trim() || null,
        days: { workingDays: v.days.map((day) => ({ day, start_time: v.start.trim(), end_time: v.end.trim() })), holidays: [] },
      }),
    },
  });
  return h('div', {}, departments.node, calendarSection.node);
}
