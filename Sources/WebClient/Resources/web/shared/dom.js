// Building the page without ever parsing text as HTML: every text a person typed (a message,
// a name, a page title) goes in as a text node, so markup in it stays inert.

/**
 * `h('button', {class: 'send', type: 'submit', onclick: fn, 'aria-label': 'Send'}, 'Send')`.
 * Attributes starting with `on` are listeners; `class` and the rest are attributes; `null`,
 * `undefined` and `false` leave an attribute out. Children are nodes or texts (arrays are flattened).
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `node`. */
export function replaceChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** The element with this id, which the page must have. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return node;
}
