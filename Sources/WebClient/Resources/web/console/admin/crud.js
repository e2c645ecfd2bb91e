// The shape every admin page shares: a table of what exists, a form that adds one, and a
// few actions per row. A page whose API the server lacks (404) says so instead of breaking.
import { h, replaceChildren } from '/shared/dom.js';
import { errorText } from '/console/errors.js';

let formCount = 0;

/**
 * @param {object} page
 * @param {object} page.ctx
 * @param {string} page.title
 * @param {() => Promise<object[]>} page.load
 * @param {{label: string, value: (item: object) => (string|Node)}[]} page.columns
 * @param {{label: string, run: (item: object) => Promise<unknown>, danger?: boolean}[] | ((item) => Array)} [page.actions]
 * @param {{title: string, fields: object[], submit: (values: object) => Promise<unknown>, button: string}} [page.form]
 */
export function crudSection({ ctx, title, load, columns, actions = [], form }) {
  const { t } = ctx;
  const body = h('tbody');
  const note = h('p', { class: 'muted' });
  const headingId = `admin-${++formCount}`;
  const hasActions = typeof actions === 'function' || actions.length > 0;
  const table = h('table', { class: 'table', 'aria-labelledby': headingId },
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column.label)),
      hasActions ? h('th', { scope: 'col' }, t('admin.actions')) : null)),
    body);
  const section = h('section', { class: 'admin-section' }, h('h2', { id: headingId }, title), table, note);

  let formNode = null;
  const refresh = async () => {
    try {
      const items = await load();
      note.textContent = items.length ? '' : t('admin.none');
      replaceChildren(body, items.map((item) => h('tr', {},
        columns.map((column) => h('td', {}, column.value(item) ?? '')),
        hasActions ? h('td', {}, h('div', { class: 'row-actions' }, (typeof actions === 'function' ? actions(item) : actions).map((action) =>
          h('button', { type: 'button', class: `small-button${action.danger ? ' danger' : ''}`,
            onclick: () => run(ctx, () => action.run(item), refresh) }, action.label)))) : null)));
      return true;
    } catch (error) {
      table.hidden = true;
      formNode?.remove();
      note.textContent = error.status === 404 ? t('admin.unavailable') : errorText(t, error);
      return false;
    }
  };
  // The form comes after the first read, so that its choices (departments, calendars) are known.
  refresh().then((ready) => {
    if (!ready || !form) return;
    formNode = buildForm(ctx, form, refresh);
    section.append(formNode);
  });
  return { node: section, refresh };
}

async function run(ctx, action, refresh) {
  try {
    await action();
    await refresh();
  } catch (error) {
    ctx.router.flash(errorText(ctx.t, error));
  }
}

/**
 * A form from field descriptions: `{name, label, type: text|email|password|number|textarea|
 * select|checkbox|checkboxes, options: [{value, label}] (or a function answering them), required}`.
 */
export function buildForm(ctx, { title, fields, submit, button }, after) {
  const prefix = `form-${++formCount}`;
  const error = h('p', { class: 'error', role: 'alert' });
  const controls = new Map();
  const rows = fields.map((field) => {
    const id = `${prefix}-${field.name}`;
    const options = typeof field.options === 'function' ? field.options() : field.options || [];
    if (field.type === 'checkboxes') {
      const boxes = options.map((option, index) => {
        const box = h('input', { type: 'checkbox', id: `${id}-${index}`, value: option.value });
        return { box, node: h('label', { for: `${id}-${index}`, class: 'check' }, box, option.label) };
      });
      controls.set(field.name, () => boxes.filter(({ box }) => box.checked).map(({ box }) => box.value));
      return h('fieldset', { class: 'checks' }, h('legend', {}, field.label), boxes.map(({ node }) => node));
    }
    if (field.type === 'checkbox') {
      const box = h('input', { type: 'checkbox', id });
      controls.set(field.name, () => box.checked);
      return h('label', { for: id, class: 'check' }, box, field.label);
    }
    const control = field.type === 'textarea' ? h('textarea', { id, rows: '3', required: field.required })
      : field.type === 'select' ? h('select', { id }, options.map((option) => h('option', { value: option.value }, option.label)))
        : h('input', { id, type: field.type || 'text', required: field.required, placeholder: field.placeholder,
          autocomplete: field.autocomplete });
    controls.set(field.name, () => control.value);
    return h('div', { class: 'field' }, h('label', { for: id }, field.label), control);
  });
  const node = h('form', { class: 'card admin-form', novalidate: true }, h('h3', {}, title), rows, error,
    h('button', { type: 'submit', class: 'primary' }, button));
  node.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries([...controls].map(([name, read]) => [name, read()]));
    error.textContent = '';
    try {
      await submit(values);
      node.reset();
      await after?.();
      ctx.router.flash(ctx.t('admin.saved'));
    } catch (failure) {
      error.textContent = errorText(ctx.t, failure) + (failure.field ? ` (${failure.field})` : '');
    }
  });
  return node;
}

/** A short date and time in the console's language. */
export function when(ctx, iso) {
  return iso ? new Intl.DateTimeFormat(ctx.t.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '';
}
