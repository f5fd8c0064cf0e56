// What the page shows right now, to tell a thank-you page from a form that refused the submit: the URL, the
// visible text (bounded), visible error messages, controls the browser itself finds invalid, and which of the
// given selectors match a visible element.
(selectors) => {
  const clean = (s) => (s || '').replace(/[\s\u00a0]+/g, ' ').trim();
  const visible = (el) => {
    if (!el.isConnected || el.getClientRects().length === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && Number(s.opacity) !== 0;
  };
  const errorNodes = document.querySelectorAll('.error, .errors, .field-error, .error-message, .invalid-feedback, '
    + '[role="alert"], .application-error, [class*="error-message"], [class*="error-msg"], .helper-text--error, '
    + '[class*="_error"], .ashby-application-form-error');
  const errors = [];
  for (const e of errorNodes) {
    const t = clean(e.innerText);
    if (t && t.length <= 300 && visible(e) && !errors.includes(t)) errors.push(t);
    if (errors.length >= 10) break;
  }
  const invalid = Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((e) => e.willValidate && !e.checkValidity())
    .map((e) => e.getAttribute('name') || e.id || e.type)
    .slice(0, 20);
  const matched = (selectors || []).filter((sel) => {
    try {
      return Array.from(document.querySelectorAll(sel)).some(visible);
    } catch (e) {
      return false;
    }
  });
  return JSON.stringify({
    url: location.href,
    text: clean(document.body ? document.body.innerText : '').slice(0, 20000),
    errors,
    invalid,
    matched,
  });
}
