// Lists the questions of a form: one entry per text field, select, textarea, file input, radio group, checkbox
// (or checkbox group), combobox and yes/no button pair. Reads only what the markup says about each control, never
// the values. Each control is tagged data-jobswipe-key (radio options also data-jobswipe-option) so the filler can
// find it again; tags survive re-scans, so a question that appears later gets a new key and the old ones stay.
// Each form is tagged data-jobswipe-form with its index in document.forms.
(scopeSelector) => {
  const clean = (s) => (s || '').replace(/[\s\u00a0]+/g, ' ').trim();
  const root = (scopeSelector && document.querySelector(scopeSelector)) || document;
  const docEl = document.documentElement;
  let next = Number(docEl.getAttribute('data-jobswipe-next') || '0');
  const keyOf = (el) => {
    let k = el.getAttribute('data-jobswipe-key');
    if (k === null) {
      k = String(next++);
      el.setAttribute('data-jobswipe-key', k);
    }
    return k;
  };
  const forms = Array.from(document.forms);
  forms.forEach((f, i) => f.setAttribute('data-jobswipe-form', String(i)));
  const formOf = (el) => {
    const f = el.form || el.closest('form');
    return f ? forms.indexOf(f) : -1;
  };
  const formIdOf = (el) => {
    const f = el.form || el.closest('form');
    return f ? (f.id || '') : '';
  };

  // The rendered text of a label-like node, without the controls inside it (a label wrapping a select would
  // otherwise read out every option) and without hidden status messages; all its text if none is rendered.
  const SKIP_TEXT = 'input, select, textarea, button, option, script, style, svg';
  const textOf = (node) => {
    if (!node) return '';
    const parts = [];
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const parent = t.parentElement;
      if (!parent || (parent !== node && parent.closest(SKIP_TEXT) && node.contains(parent.closest(SKIP_TEXT)))) continue;
      if (parent.getClientRects().length === 0) continue;
      parts.push(t.textContent);
    }
    const shown = clean(parts.join(' '));
    if (shown) return shown;
    const copy = node.cloneNode(true);
    copy.querySelectorAll(SKIP_TEXT).forEach((n) => n.remove());
    return clean(copy.textContent);
  };

  const visible = (el) => {
    if (!el || !el.isConnected || el.getClientRects().length === 0) return false;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.visibility === 'collapse' || Number(s.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    // Honeypots are often pushed off the page to the left or top.
    if (r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0) return false;
    if (el.getAttribute('aria-hidden') === 'true' && el.tabIndex < 0) return false;
    return true;
  };

  const CONTAINERS = 'li.application-question, .ashby-application-form-field-entry, .field, .field-wrapper, '
    + '.form-group, .form-field, .form-row, .question, fieldset, [role="radiogroup"], [role="group"]';
  const TITLES = '.application-label, .ashby-application-form-question-title, legend, label, .label, '
    + '[class*="question-title"]';
  const containerOf = (el) => el.closest(CONTAINERS);
  const isOptionLabel = (node) => {
    if (node.querySelector('input[type="radio"], input[type="checkbox"]')) return true;
    const target = node.htmlFor ? document.getElementById(node.htmlFor) : null;
    return !!target && (target.type === 'radio' || target.type === 'checkbox');
  };

  // The question a control answers: its own label (own = true), else the title of its container.
  const questionOf = (el, own) => {
    if (own) {
      if (el.labels) {
        for (const l of el.labels) {
          const t = textOf(l);
          if (t) return { text: t, node: l };
        }
      }
      const by = el.getAttribute('aria-labelledby');
      if (by) {
        const nodes = by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean);
        const t = clean(nodes.map(textOf).join(' '));
        if (t) return { text: t, node: nodes[0] };
      }
    }
    // The nearest container with a title of its own: a radio group's fieldset may hold only option labels, and
    // then the question is the title of the entry around it.
    // A title that names another control (label for=…, or a label wrapping one) is never taken.
    for (let c = containerOf(el); c; c = own ? null : (c.parentElement ? c.parentElement.closest(CONTAINERS) : null)) {
      for (const t of c.querySelectorAll(TITLES)) {
        if (t.contains(el) && !own) continue;
        if (!own && isOptionLabel(t)) continue;
        if (own && t.htmlFor && t.htmlFor !== el.id) continue;
        if (!t.contains(el) && t.querySelector('input, select, textarea')) continue;
        const s = textOf(t);
        if (s) return { text: s, node: t };
      }
    }
    const aria = el.getAttribute('aria-label') || el.getAttribute('title');
    if (aria) return { text: clean(aria), node: null };
    return { text: '', node: null };
  };

  const requiredOf = (els, q) => {
    for (const el of els) {
      if (el.required || el.getAttribute('aria-required') === 'true') return true;
    }
    if (/[*\u2731\u2217]/.test(q.text)) return true;
    if (q.node) {
      const after = getComputedStyle(q.node, '::after').content || '';
      const before = getComputedStyle(q.node, '::before').content || '';
      if (/[*\u2731]/.test(after) || /[*\u2731]/.test(before)) return true;
      if (q.node.querySelector('.required, .asterisk')) return true;
    }
    const c = containerOf(els[0]);
    return !!c && (c.matches('.required, .required-field') || !!c.querySelector('.required-field'));
  };

  const optionText = (el) => {
    if (el.labels && el.labels.length) {
      const t = textOf(el.labels[0]);
      if (t) return t;
    }
    return clean(el.getAttribute('aria-label') || el.value || '');
  };

  const CONTROL = { email: 'EMAIL', tel: 'TEL', url: 'URL', number: 'NUMBER', date: 'DATE' };
  const SKIP = ['hidden', 'submit', 'button', 'reset', 'image', 'search', 'password', 'range', 'color'];
  const fields = [];
  const doneGroups = new Set();

  const push = (el, control, q, options, required, isVisible) => {
    fields.push({
      key: keyOf(el), control, label: q.text, name: el.getAttribute('name') || '', id: el.id || '',
      placeholder: el.getAttribute('placeholder') || '', autocomplete: el.getAttribute('autocomplete') || '',
      required, visible: isVisible, options, form: formOf(el), formId: formIdOf(el),
    });
  };

  for (const el of root.querySelectorAll('input, select, textarea')) {
    if (el.disabled) continue;
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') || (tag === 'input' ? 'text' : tag)).toLowerCase();
    if (tag === 'input' && SKIP.includes(type)) continue;

    if (type === 'radio' || type === 'checkbox') {
      const container = containerOf(el);
      // A boolean rendered as two buttons, "Yes" and "No", over a hidden checkbox (Ashby).
      if (type === 'checkbox' && container) {
        const buttons = Array.from(container.querySelectorAll('button'))
          .filter((b) => /^(yes|no)$/i.test(clean(b.textContent)));
        if (buttons.length === 2) {
          if (doneGroups.has(container)) continue;
          doneGroups.add(container);
          const title = container.querySelector('.ashby-application-form-question-title, legend, label');
          const q = title ? { text: textOf(title), node: title } : questionOf(el, false);
          const key = keyOf(container);
          el.setAttribute('data-jobswipe-key', key);
          fields.push({
            key, control: 'YES_NO', label: q.text, name: el.getAttribute('name') || '', id: el.id || '',
            placeholder: '', autocomplete: '', required: requiredOf([el], q), visible: buttons.some(visible),
            options: buttons.map((b) => clean(b.textContent)), form: formOf(el), formId: formIdOf(el),
          });
          continue;
        }
      }
      const name = el.getAttribute('name');
      const group = name
        ? Array.from(root.querySelectorAll('input[type="' + type + '"]'))
          .filter((o) => o.getAttribute('name') === name && !o.disabled)
        : [el];
      if (type === 'checkbox' && group.length === 1) {
        const q = questionOf(el, true);
        const shown = visible(el) || (el.labels && Array.from(el.labels).some(visible));
        push(el, 'CHECKBOX', q, [], requiredOf([el], q), shown);
        continue;
      }
      const groupKey = type + ':' + (name || keyOf(el));
      if (doneGroups.has(groupKey)) continue;
      doneGroups.add(groupKey);
      const key = keyOf(group[0]);
      group.forEach((o, i) => {
        o.setAttribute('data-jobswipe-key', key);
        o.setAttribute('data-jobswipe-option', String(i));
      });
      const q = questionOf(group[0], false);
      const shown = group.some((o) => visible(o) || (o.labels && Array.from(o.labels).some(visible)));
      push(group[0], type === 'radio' ? 'RADIO' : 'CHECKBOX_GROUP', q, group.map(optionText),
        requiredOf(group, q), shown);
      continue;
    }

    const q = questionOf(el, true);
    if (tag === 'select') {
      const options = Array.from(el.options).filter((o) => !o.disabled && o.value !== '').map((o) => clean(o.text));
      // Select2 hides the real select and shows its own widget next to it.
      const widget = el.classList.contains('select2-hidden-accessible') ? el.nextElementSibling : null;
      push(el, 'SELECT', q, options, requiredOf([el], q), widget ? visible(widget) : visible(el));
    } else if (tag === 'textarea') {
      push(el, 'TEXTAREA', q, [], requiredOf([el], q), visible(el));
    } else if (type === 'file') {
      // Upload inputs are usually hidden behind a styled button; they count as visible.
      push(el, 'FILE', q, [], requiredOf([el], q), true);
    } else if (el.getAttribute('role') === 'combobox') {
      push(el, 'COMBOBOX', q, [], requiredOf([el], q), visible(el));
    } else {
      if (el.readOnly) continue;
      push(el, CONTROL[type] || 'TEXT', q, [], requiredOf([el], q), visible(el));
    }
  }
  docEl.setAttribute('data-jobswipe-next', String(next));
  return JSON.stringify(fields);
}
