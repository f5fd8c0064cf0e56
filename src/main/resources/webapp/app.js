// The JobSwipe web client: hash routes, one view each, the public API only.
import { api, get, post, put, del, session, ApiError, onStepUp } from './api.js';
import { LiveEvents } from './live.js';
import { h, field, announce, errorBox, salaryText } from './dom.js';
import { deckView } from './deck.js';
import { adminView } from './admin.js';
import { providerButtons, takeVerifier } from './oauth.js';

const main = document.getElementById('main');
const listeners = new Set();
const live = new LiveEvents((event) => {
  listeners.forEach((listener) => listener(event));
  if (event.type === 'notification') {
    refreshUnread();
  }
}, (state) => {
  document.getElementById('live-state').textContent = state === 'open' ? 'Live' : state === 'closed' ? '' : 'Reconnecting…';
  if (state === 'open') {
    refreshUnread();
  }
});

/** Views subscribe to live events while they are on screen. */
export function onLive(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const routes = {
  signin: signInView,
  signup: signUpView,
  deck: deckView,
  saved: savedView,
  applications: applicationsView,
  application: applicationView,
  profile: profileView,
  inbox: inboxView,
  admin: adminView,
  oauth: oauthView,
};
const PUBLIC = new Set(['signin', 'signup', 'oauth']);
let cleanup = [];
let generation = 0;

/**
 * Renders the route into a fresh container. A render still awaiting the API when the route changes again keeps
 * writing into its own detached container, and whatever it registers to undo is undone at once, so two screens never
 * mix and a left screen's key handlers never act.
 */
async function render() {
  const mine = ++generation;
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, pathArg] = path.split('/');
  const arg = name === 'oauth' ? new URLSearchParams(query || '').get('code') : pathArg;
  let route = name === 'applications' && arg ? 'application' : name;
  const user = session.get();
  if (!routes[route]) {
    route = user ? 'deck' : 'signin';
  }
  if (!user && !PUBLIC.has(route)) {
    route = 'signin';
  }
  cleanup.forEach((fn) => fn());
  cleanup = [];
  showNav(user);
  const root = h('div');
  main.replaceChildren(root);
  try {
    await routes[route](root, arg, (fn) => (mine === generation ? cleanup.push(fn) : fn()));
  } catch (error) {
    root.append(errorBox(error));
  }
  if (mine !== generation) {
    return;
  }
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} – JobSwipe` : 'JobSwipe';
  main.focus();
}

function showNav(user) {
  document.getElementById('nav').hidden = !user;
  document.getElementById('nav-admin').hidden = !(user && user.user && user.user.role === 'admin');
  const path = location.hash.split('/')[1] || '';
  document.querySelectorAll('#nav a').forEach((a) => {
    const current = a.getAttribute('href') === `#/${path}`;
    if (current) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  if (user) {
    live.start();
    refreshUnread();
  } else {
    live.stop();
  }
}

async function refreshUnread() {
  try {
    const page = await get('/v1/notifications?limit=1');
    const badge = document.getElementById('unread');
    badge.hidden = page.unreadCount === 0;
    badge.textContent = page.unreadCount;
    badge.setAttribute('aria-label', `${page.unreadCount} unread`);
  } catch {
    // The inbox is optional: a node without it simply shows no badge.
  }
}

function signedIn(sessionBody) {
  session.set(sessionBody);
  live.stop();
  location.hash = '#/deck';
}

function signOut() {
  const current = session.get();
  if (current) {
    post('/v1/auth/logout', { refreshToken: current.refreshToken }).catch(() => {});
  }
  session.clear();
  live.stop();
  location.hash = '#/signin';
}

async function signInView(root) {
  const form = h('form', { class: 'stack', 'aria-labelledby': 'signin-h' },
    field('Email', { type: 'email', name: 'email', required: true, autocomplete: 'username' }),
    field('Password', { type: 'password', name: 'password', required: true, autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, 'Sign in'));
  const status = h('div');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.replaceChildren();
    const data = new FormData(form);
    try {
      const answer = await post('/v1/auth/login', { email: data.get('email'), password: data.get('password') });
      if (answer.mfaRequired) {
        mfaStep(root, answer.mfaToken);
      } else {
        signedIn(answer);
      }
    } catch (error) {
      status.append(errorBox(error));
    }
  });
  root.append(h('h1', { id: 'signin-h' }, 'Sign in'), status, form);
  const providers = await providerButtons();
  if (providers) {
    root.append(providers);
  }
  root.append(h('p', {}, 'New here? ', h('a', { href: '#/signup' }, 'Create an account')));
}

/**
 * Where a provider sign-in lands (`#/oauth?code=`): the one-time code, with the verifier this tab kept when it started
 * the sign-in, is exchanged for a session.
 */
async function oauthView(root, code) {
  root.append(h('h1', {}, 'Signing in'));
  if (!code) {
    root.append(errorBox(new Error('This sign-in link has no code; start the sign-in again.')));
    return;
  }
  history.replaceState(null, '', '#/oauth');
  const codeVerifier = takeVerifier();
  const answer = await post('/v1/auth/oauth/exchange', codeVerifier ? { code, codeVerifier } : { code });
  if (answer.mfaRequired) {
    root.replaceChildren();
    mfaStep(root, answer.mfaToken);
  } else {
    signedIn(answer);
  }
}

function mfaStep(root, mfaToken) {
  const form = h('form', { class: 'stack', 'aria-labelledby': 'mfa-h' },
    field('Code from your authenticator app, or a backup code',
      { name: 'code', required: true, autocomplete: 'one-time-code', inputmode: 'text', minlength: 6, maxlength: 32 }),
    h('button', { type: 'submit' }, 'Verify'));
  const status = h('div');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      signedIn(await post('/v1/auth/mfa/verify', { mfaToken, code: new FormData(form).get('code') }));
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  });
  root.replaceChildren(h('h1', { id: 'mfa-h' }, 'Two-step verification'), status, form);
  form.querySelector('input').focus();
}

async function signUpView(root) {
  const form = h('form', { class: 'stack', 'aria-labelledby': 'signup-h' },
    field('Email', { type: 'email', name: 'email', required: true, autocomplete: 'email' }),
    field('Password', { type: 'password', name: 'password', required: true, minlength: 12, maxlength: 128, autocomplete: 'new-password' },
      { hint: 'At least 12 characters, not a common password.' }),
    h('button', { type: 'submit' }, 'Create account'));
  const status = h('div');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      signedIn(await post('/v1/auth/register', { email: data.get('email'), password: data.get('password') }));
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  });
  root.append(h('h1', { id: 'signup-h' }, 'Create your account'), status, form);
  const providers = await providerButtons();
  if (providers) {
    root.append(providers);
  }
  root.append(h('p', {}, 'Have an account? ', h('a', { href: '#/signin' }, 'Sign in')));
}

/** The reminder an unverified account sees: right swipes need a verified email. */
export async function verificationNotice() {
  const me = await get('/v1/me');
  const current = session.get();
  session.set({ ...current, user: { ...current.user, ...me } });
  if (me.emailVerified) {
    return null;
  }
  const resend = h('button', { type: 'button', class: 'secondary' }, 'Send the link again');
  const box = h('div', { class: 'notice', role: 'note' },
    h('p', {}, `Verify ${me.email} to apply: open the link we emailed you. `,
      'Running the demo? The mail is an .eml file in the outbox folder the server printed at start.'),
    resend);
  resend.addEventListener('click', async () => {
    try {
      await post('/v1/auth/verify-email/resend');
      announce('Verification link sent again');
    } catch (error) {
      box.append(errorBox(error));
    }
  });
  return box;
}

async function savedView(root) {
  root.append(h('h1', {}, 'Saved jobs'));
  const list = h('ul', { class: 'list' });
  root.append(list);
  let cursor = null;
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  root.append(more);
  const load = async () => {
    const page = await get(`/v1/saved?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    if (page.items.length === 0 && list.children.length === 0) {
      list.append(h('li', {}, 'Nothing saved yet. Use “Save” on a card to keep it here.'));
    }
    for (const item of page.items) {
      const apply = h('button', { type: 'button', disabled: item.jobStatus !== 'open' }, 'Apply');
      const row = h('li', {}, h('h2', {}, item.job.title), h('p', {}, `${item.job.company} · ${item.job.location || ''}`), apply);
      apply.addEventListener('click', async () => {
        try {
          const answer = await post('/v1/swipes', { jobId: item.job.id, direction: 'right', clientId: crypto.randomUUID() });
          announce(`Applying to ${item.job.title}`);
          location.hash = `#/applications/${answer.applicationId}`;
        } catch (error) {
          row.append(errorBox(error));
        }
      });
      list.append(row);
    }
  };
  more.addEventListener('click', load);
  await load();
}

function statusBadge(status) {
  return h('span', { class: `status status-${status}`, 'data-status': status }, status.replace('_', ' '));
}

async function applicationsView(root, _arg, onLeave) {
  root.append(h('h1', {}, 'Applications'));
  const list = h('ul', { class: 'list', 'aria-live': 'polite' });
  root.append(list);
  const rows = new Map();
  const page = await get('/v1/applications?limit=50');
  if (page.items.length === 0) {
    list.append(h('li', {}, 'No applications yet. Swipe right on a job to apply.'));
  }
  for (const app of page.items) {
    const badge = h('span', { class: 'badge-slot' }, statusBadge(app.status));
    rows.set(app.id, badge);
    list.append(h('li', { 'data-application': app.id },
      h('h2', {}, h('a', { href: `#/applications/${app.id}` }, app.job.title || 'Application')),
      h('p', {}, app.job.company || '', ' · ', badge)));
  }
  onLeave(onLive((event) => {
    if (event.type === 'application' && rows.has(event.applicationId) && event.status) {
      rows.get(event.applicationId).replaceChildren(statusBadge(event.status));
      announce(`Application now ${event.status}`);
    }
  }));
}

/** Why a queued application has not started: the server's own answer (`GET /v1/status`), its reason in words. */
async function automationNotice() {
  let automation = null;
  try {
    automation = (await get('/v1/status')).automation;
  } catch {
    // A server that cannot say: the notice stays general.
  }
  const notice = h('p', { class: 'notice', role: 'status', 'data-automation': 'not-started' },
    'Automation has not started this application yet. ');
  if (!automation) {
    notice.append('It stays queued and continues by itself once a worker takes it.');
  } else if (automation.available) {
    notice.setAttribute('data-automation-reason', automation.code);
    notice.append('It is queued and starts as soon as a worker is free.');
  } else {
    notice.setAttribute('data-automation-reason', automation.code);
    notice.append(automation.message, ' It stays queued and continues by itself once automation is back.');
  }
  return notice;
}

async function applicationView(root, id, onLeave) {
  const container = h('div');
  root.append(container);
  const show = async () => {
    const app = await get(`/v1/applications/${encodeURIComponent(id)}`);
    const parts = [
      h('h1', {}, app.job.title || 'Application'),
      h('p', {}, app.job.company || '', ' · Status: ', h('span', { id: 'application-status' }, statusBadge(app.status))),
    ];
    if (app.lastError) {
      parts.push(h('p', { class: 'notice error' }, app.lastError));
    }
    if (app.status === 'QUEUED' && (app.steps || []).length === 0) {
      parts.push(await automationNotice());
    }
    if (app.status === 'NEEDS_HUMAN') {
      parts.push(questionsForm(app, show));
    }
    if (['QUEUED', 'RUNNING', 'FILLING', 'NEEDS_HUMAN', 'RATE_LIMITED'].includes(app.status)) {
      const cancel = h('button', { type: 'button', class: 'danger' }, 'Cancel application');
      cancel.addEventListener('click', async () => {
        try {
          await post(`/v1/applications/${app.id}/cancel`);
          await show();
        } catch (error) {
          container.append(errorBox(error));
        }
      });
      parts.push(cancel);
    }
    if (app.status === 'UNKNOWN') {
      parts.push(h('p', {}, 'The submit could not be confirmed. Did the employer confirm your application?'));
      for (const [settle, text] of [['submitted', 'Yes, it was submitted'], ['failed', 'No, it failed']]) {
        const button = h('button', { type: 'button', class: 'secondary' }, text);
        button.addEventListener('click', async () => {
          await api('PATCH', `/v1/applications/${app.id}`, { settle });
          await show();
        });
        parts.push(button);
      }
    }
    parts.push(h('h2', {}, 'What happened'), trail(app));
    container.replaceChildren(...parts);
  };
  await show();
  onLeave(onLive((event) => {
    if (event.type === 'application' && event.applicationId === id) {
      show().then(() => announce(`Application now ${event.status || 'updated'}`));
    }
  }));
}

/** Screenshots the person opened, by application and step: a live update redraws the trail with them still open. */
const openedShots = new Map();

function screenshot(app, step) {
  const key = `${app.id}/${step.eventId}`;
  if (!openedShots.has(key)) {
    // A step's `screenshot` is the picture's id while the API numbers pictures from 0 in the order they were taken;
    // each one taken is recorded with its step, so the k-th photographed step has picture k.
    const n = (app.steps || []).filter((s) => s.screenshot).indexOf(step);
    openedShots.set(key, api('GET', `/v1/applications/${app.id}/screenshots/${n}`, undefined, { raw: true })
      .then((res) => res.blob()).then((blob) => URL.createObjectURL(blob))
      .catch((error) => { openedShots.delete(key); throw error; }));
  }
  const slot = h('span');
  openedShots.get(key).then((url) => slot.replaceChildren(h('img', { class: 'shot', src: url, alt: `Screenshot of the ${step.step} step` })),
    (error) => slot.replaceChildren(errorBox(error)));
  return slot;
}

function trail(app) {
  const list = h('ol', { class: 'trail' });
  for (const step of app.steps || []) {
    const item = h('li', {}, h('time', { datetime: step.at }, new Date(step.at).toLocaleTimeString()), ' ',
      `${step.step}: ${step.outcome}`, step.fields && step.fields.length ? ` (filled ${step.fields.join(', ')})` : '');
    if (step.screenshot && openedShots.has(`${app.id}/${step.eventId}`)) {
      item.append(' ', screenshot(app, step));
    } else if (step.screenshot) {
      const show = h('button', { type: 'button', class: 'link' }, 'Show screenshot');
      show.addEventListener('click', () => show.replaceWith(screenshot(app, step)));
      item.append(' ', show);
    }
    list.append(item);
  }
  return list;
}

/** NEEDS_HUMAN: each pending question as a labelled field; sensitive ones marked and never pre-filled. */
function questionsForm(app, reload) {
  const questions = app.pendingQuestions || [];
  const captcha = questions.filter((q) => q.type === 'captcha');
  const form = h('form', { class: 'stack', 'aria-labelledby': 'questions-h' },
    h('h2', { id: 'questions-h' }, captcha.length ? 'This application needs you' : 'The employer asks'));
  for (const q of captcha) {
    form.append(h('p', {}, q.label, '. ', h('a', { href: app.job.applyUrl, target: '_blank', rel: 'noopener noreferrer' },
      'Open the employer’s page'), ', then continue here.'));
  }
  questions.filter((q) => q.type !== 'captcha').forEach((q, i) => {
    const label = q.label || q.question;
    const sensitive = q.reason === 'SENSITIVE';
    const attrs = { name: `q${i}`, required: true, 'data-question': q.label, autocomplete: 'off' };
    const hint = sensitive ? 'Sensitive: only you answer this; it is never filled in for you.' : null;
    let control;
    if (q.options && q.options.length) {
      control = field(label, attrs, { tag: 'select', options: [['', 'Choose…'], ...q.options.map((o) => [o, o])], hint });
    } else {
      control = field(label, attrs, { tag: q.type === 'textarea' ? 'textarea' : 'input', hint });
    }
    if (sensitive) {
      control.querySelector('label').append(' ', h('span', { class: 'sensitive' }, '(sensitive)'));
    }
    form.append(control);
  });
  form.append(h('button', { type: 'submit' }, captcha.length ? 'I solved it – continue' : 'Send answers and continue'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const answers = [...form.querySelectorAll('[data-question]')].map((input) => ({
      question: input.dataset.question, answer: input.value,
    }));
    try {
      await post(`/v1/applications/${app.id}/resume`, answers.length ? { answers } : {});
      announce('Answers sent; the application continues');
      await reload();
    } catch (error) {
      form.append(errorBox(error));
    }
  });
  return form;
}

async function profileView(root) {
  const profile = await get('/v1/profile');
  root.append(h('h1', {}, 'Your profile'));
  const notice = await verificationNotice();
  if (notice) {
    root.append(notice);
  }
  const form = h('form', { class: 'stack', 'aria-label': 'Profile' },
    field('Full name', { name: 'fullName', value: profile.fullName || '', autocomplete: 'name' }),
    field('Contact email', { name: 'email', type: 'email', value: profile.email || '', autocomplete: 'email' }),
    field('Phone', { name: 'phone', type: 'tel', value: profile.phone || '', autocomplete: 'tel' }),
    field('Location', { name: 'location', value: profile.location || '' }),
    field('Skills', { name: 'skills', value: (profile.skills || []).join(', ') }, { hint: 'Separated by commas.' }),
    h('button', { type: 'submit' }, 'Save profile'));
  const status = h('div', { role: 'status' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const body = { ...profile };
    delete body.yearsOfExperience;
    delete body.updatedAt;
    for (const key of ['fullName', 'email', 'phone', 'location']) {
      const value = String(data.get(key)).trim();
      if (value) {
        body[key] = value;
      } else {
        delete body[key];
      }
    }
    body.skills = String(data.get('skills')).split(',').map((s) => s.trim()).filter(Boolean);
    try {
      Object.assign(profile, await put('/v1/profile', body));
      status.replaceChildren(h('p', { class: 'notice' }, 'Profile saved'));
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  });
  const upload = h('form', { class: 'stack', 'aria-labelledby': 'resume-h' },
    h('h2', { id: 'resume-h' }, 'Resume'),
    field('Resume file (PDF or DOCX)', { type: 'file', name: 'file', accept: '.pdf,.docx,application/pdf', required: true }),
    h('button', { type: 'submit' }, 'Upload resume'));
  const parsed = h('div', { 'aria-live': 'polite' });
  upload.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData();
    data.append('file', upload.querySelector('input[type=file]').files[0]);
    try {
      const answer = await api('POST', '/v1/profile/resumes', data);
      const skills = answer.parsed.skills || [];
      parsed.replaceChildren(h('h3', {}, 'What we read'),
        h('p', {}, `${answer.parsed.yearsOfExperience ?? 0} years of experience`),
        h('ul', { class: 'skills', 'aria-label': 'Skills found' }, skills.map((s) => h('li', {}, s))),
        h('p', { class: 'hint' }, 'Correct the skills above and save if something is missing.'));
      const skillsInput = form.querySelector('[name=skills]');
      const merged = new Set([...skillsInput.value.split(',').map((s) => s.trim()).filter(Boolean), ...skills]);
      skillsInput.value = [...merged].join(', ');
    } catch (error) {
      parsed.replaceChildren(errorBox(error));
    }
  });
  root.append(status, form, upload, parsed, await coverLetters());
}

/** Cover-letter templates: the list, a form to add one, and a preview filled in by the API for an example job. */
async function coverLetters() {
  const section = h('section', { 'aria-labelledby': 'letters-h' }, h('h2', { id: 'letters-h' }, 'Cover letters'));
  const list = h('ul', { class: 'list', 'aria-label': 'Your cover letters' });
  const preview = h('div', { 'aria-live': 'polite' });
  const show = async () => {
    const page = await get('/v1/cover-letters');
    list.replaceChildren();
    if (page.items.length === 0) {
      list.append(h('li', {}, 'No templates yet.'));
    }
    for (const letter of page.items) {
      const view = h('button', { type: 'button', class: 'secondary' }, `Preview: ${letter.name}`);
      const remove = h('button', { type: 'button', class: 'link' }, `Delete: ${letter.name}`);
      view.addEventListener('click', async () => {
        try {
          const rendered = await post(`/v1/cover-letters/${letter.id}/render`,
            { job: { title: 'Senior Backend Engineer', company: 'Example Ltd', location: 'Berlin' }, format: 'text' });
          preview.replaceChildren(h('h3', { id: 'letter-preview-h' }, `Preview of ${letter.name}`),
            h('p', { class: 'hint' }, 'Filled in for an example job: Senior Backend Engineer at Example Ltd, Berlin.'),
            h('pre', { class: 'letter', 'aria-labelledby': 'letter-preview-h', tabindex: 0 }, rendered.text));
        } catch (error) {
          preview.replaceChildren(errorBox(error));
        }
      });
      remove.addEventListener('click', async () => {
        try {
          await del(`/v1/cover-letters/${letter.id}`);
          announce(`Deleted ${letter.name}`);
          await show();
        } catch (error) {
          preview.replaceChildren(errorBox(error));
        }
      });
      list.append(h('li', {}, h('h3', {}, letter.name), view, ' ', remove));
    }
  };
  const form = h('form', { class: 'stack', 'aria-labelledby': 'letter-new-h' },
    h('h3', { id: 'letter-new-h' }, 'New template'),
    field('Template name', { name: 'name', required: true, maxlength: 200 }),
    field('Letter', { name: 'body', required: true, maxlength: 20000, rows: 8 }, {
      tag: 'textarea',
      hint: 'Placeholders: {{job.title}}, {{job.company}}, {{job.location}}, {{profile.name}}, {{profile.firstName}}, '
        + '{{profile.email}}, {{profile.phone}}, {{profile.headline}}, {{profile.skills}}, {{today}}.',
    }),
    h('button', { type: 'submit' }, 'Add template'));
  const status = h('div');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      const created = await post('/v1/cover-letters', { name: data.get('name'), body: data.get('body') });
      form.reset();
      status.replaceChildren();
      announce(`Template ${created.name} added`);
      await show();
    } catch (error) {
      const details = error.problem && error.problem.errors ? error.problem.errors.map((x) => x.message) : [];
      status.replaceChildren(errorBox(error), ...details.map((text) => h('p', { class: 'notice error' }, text)));
    }
  });
  await show();
  section.append(list, preview, status, form);
  return section;
}

async function inboxView(root) {
  root.append(h('h1', {}, 'Inbox'));
  let page;
  try {
    page = await get('/v1/notifications?limit=50');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      root.append(h('p', {}, 'This server has no inbox.'));
      return;
    }
    throw error;
  }
  const readAll = h('button', { type: 'button', class: 'secondary' }, 'Mark all as read');
  readAll.addEventListener('click', async () => {
    await post('/v1/notifications/read-all');
    await refreshUnread();
    render();
  });
  const list = h('ul', { class: 'list' });
  if (page.items.length === 0) {
    list.append(h('li', {}, 'No notifications.'));
  }
  for (const n of page.items) {
    const item = h('li', {}, h('h2', {}, n.readAt ? n.title : `● ${n.title}`), n.body ? h('p', {}, n.body) : null,
      h('p', { class: 'hint' }, new Date(n.createdAt).toLocaleString()));
    if (n.data && n.data.applicationId) {
      item.append(h('a', { href: `#/applications/${n.data.applicationId}` }, 'Open the application'));
    }
    if (!n.readAt) {
      const read = h('button', { type: 'button', class: 'link' }, 'Mark as read');
      read.addEventListener('click', async () => {
        await post(`/v1/notifications/${n.id}/read`);
        read.remove();
        refreshUnread();
      });
      item.append(' ', read);
    }
    list.append(item);
  }
  root.append(readAll, list, await notificationPreferences());
}

const KIND_NAMES = {
  'application.needs-human': 'An application needs you',
  'application.submitted': 'An application was submitted',
  'application.failed': 'An application failed',
  'application.unknown': 'A submit could not be confirmed',
  'application.rate-limited': 'An application waits for the employer’s limits',
  'account.verify-email': 'Email verification link',
  'account.reset-password': 'Password reset link',
  'account.password-changed': 'Your password was changed',
  'account.new-sign-in': 'A new sign-in',
  'account.mfa-changed': 'Two-step verification changed',
  'digest.new-matches': 'Daily new matches',
};

/** Which kinds go by email and to phones, quiet hours and the digest; channels the API fixes are shown disabled. */
async function notificationPreferences() {
  const prefs = await get('/v1/notifications/preferences');
  const form = h('form', { class: 'stack', 'aria-labelledby': 'prefs-h' }, h('h2', { id: 'prefs-h' }, 'Notification preferences'));
  prefs.kinds.forEach((choice, i) => {
    const name = KIND_NAMES[choice.kind] || choice.kind;
    const box = (channel, label, checked, adjustable) => {
      const id = `pref-${i}-${channel}`;
      return h('span', { class: 'check' },
        h('input', { type: 'checkbox', id, 'data-kind': choice.kind, 'data-channel': channel, checked, disabled: !adjustable }),
        h('label', { for: id }, label));
    };
    form.append(h('fieldset', {}, h('legend', {}, name),
      box('email', 'Email', choice.email, choice.emailAdjustable),
      box('push', 'Phone', choice.push, choice.pushAdjustable)));
  });
  const quiet = prefs.quietHours;
  form.append(h('fieldset', {}, h('legend', {}, 'Quiet hours'),
    h('span', { class: 'check' }, h('input', { type: 'checkbox', id: 'quiet-on', name: 'quietOn', checked: quiet.enabled }),
      h('label', { for: 'quiet-on' }, 'Hold phone notifications during quiet hours')),
    field('From', { type: 'time', name: 'quietStart', value: quiet.start || '22:00' }),
    field('Until', { type: 'time', name: 'quietEnd', value: quiet.end || '07:00' }),
    field('Time zone', { name: 'timezone', value: quiet.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone },
      { hint: 'IANA name, for example Europe/Berlin.' }),
    h('span', { class: 'check' }, h('input', { type: 'checkbox', id: 'quiet-urgent', name: 'allowUrgent', checked: quiet.allowUrgent }),
      h('label', { for: 'quiet-urgent' }, 'Let urgent notifications through'))));
  form.append(h('fieldset', {}, h('legend', {}, 'Daily digest of new matches'),
    h('span', { class: 'check' }, h('input', { type: 'checkbox', id: 'digest-on', name: 'digestOn', checked: prefs.digest.enabled }),
      h('label', { for: 'digest-on' }, 'Send the digest')),
    field('Hour of the day (0–23)', { type: 'number', name: 'digestHour', min: 0, max: 23, value: prefs.digest.hour })));
  const status = h('div', { role: 'status' });
  form.append(h('button', { type: 'submit' }, 'Save preferences'), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const kinds = prefs.kinds.map((choice) => {
      const entry = { kind: choice.kind };
      for (const channel of ['email', 'push']) {
        const input = form.querySelector(`[data-kind="${choice.kind}"][data-channel="${channel}"]`);
        if (!input.disabled) {
          entry[channel] = input.checked;
        }
      }
      return entry;
    });
    const body = {
      kinds,
      quietHours: {
        enabled: data.get('quietOn') !== null,
        start: data.get('quietStart'),
        end: data.get('quietEnd'),
        timezone: String(data.get('timezone')).trim(),
        allowUrgent: data.get('allowUrgent') !== null,
      },
      digest: { enabled: data.get('digestOn') !== null, hour: Number(data.get('digestHour')) },
    };
    try {
      Object.assign(prefs, await put('/v1/notifications/preferences', body));
      status.replaceChildren(h('p', { class: 'notice' }, 'Preferences saved'));
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  });
  return form;
}

/** The password prompt a step-up needs: a modal dialog, focus on the field, Escape declines. */
function askPassword() {
  return new Promise((resolve) => {
    const form = h('form', { method: 'dialog', class: 'stack' },
      h('h2', { id: 'stepup-h' }, 'Confirm it is you'),
      h('p', { id: 'stepup-why' }, 'This change needs your password again.'),
      field('Your password', { type: 'password', name: 'password', required: true, autocomplete: 'current-password' }),
      h('div', {}, h('button', { type: 'submit', value: 'confirm' }, 'Confirm'), ' ',
        h('button', { type: 'button', class: 'secondary', value: 'cancel' }, 'Cancel')));
    const dialog = h('dialog', { 'aria-labelledby': 'stepup-h', 'aria-describedby': 'stepup-why' }, form);
    const previous = document.activeElement;
    let answer = null;
    form.addEventListener('submit', () => { answer = new FormData(form).get('password'); });
    form.querySelector('button.secondary').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (previous && previous.focus) {
        previous.focus();
      }
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    form.querySelector('input').focus();
  });
}

onStepUp(askPassword);

document.getElementById('signout').addEventListener('click', signOut);
window.addEventListener('jobswipe:signed-out', () => { live.stop(); location.hash = '#/signin'; });
window.addEventListener('hashchange', render);
render();

export { salaryText, del };
