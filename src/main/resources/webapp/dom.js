// Building DOM nodes from data without innerHTML, so nothing from the API is ever parsed as markup.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let ids = 0;

/** A labelled input (or select/textarea): the label names it for screen readers. */
export function field(label, attrs = {}, { tag = 'input', options = null, hint = null } = {}) {
  const id = attrs.id || `f${++ids}`;
  const hintId = hint ? `${id}-hint` : null;
  let control;
  if (tag === 'select') {
    control = h('select', { ...attrs, id, 'aria-describedby': hintId },
      (options || []).map(([value, text]) => h('option', { value }, text)));
  } else {
    control = h(tag, { ...attrs, id, 'aria-describedby': hintId });
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: hintId }, hint) : null, control);
}

export function announce(text) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // A fresh text node after clearing makes screen readers read a repeated message again.
  requestAnimationFrame(() => { region.textContent = text; });
}

export function errorBox(error) {
  return h('p', { class: 'notice error', role: 'alert' }, error.message || String(error));
}

export function salaryText(salary) {
  if (!salary || (salary.min == null && salary.max == null)) {
    return null;
  }
  const format = (n) => new Intl.NumberFormat('en', { maximumFractionDigits: 0 }).format(n);
  const range = [salary.min, salary.max].filter((n) => n != null).map(format).join('–');
  return `${salary.currency || ''} ${range}${salary.period ? ` per ${salary.period}` : ''}`.trim();
}
