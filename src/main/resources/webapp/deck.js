// The swipe deck: one card at a time; buttons, arrow keys (← pass, → apply, ↓ save) or dragging the card.
import { get, post, ApiError } from './api.js';
import { h, announce, errorBox, salaryText } from './dom.js';
import { onLive, verificationNotice } from './app.js';

export async function deckView(root, _arg, onLeave) {
  root.append(h('h1', {}, 'Jobs for you'),
    h('p', { class: 'hint', id: 'deck-help' }, 'Use the buttons, drag the card, or press ← to pass, → to apply, ↓ to save.'));
  const notice = await verificationNotice();
  if (notice) {
    root.append(notice);
  }
  const status = h('div');
  const stage = h('div', { class: 'deck' });
  const recent = h('ul', { class: 'list', 'aria-label': 'Applications from this session' });
  root.append(status, stage, h('h2', {}, 'Just applied'), recent);

  const queue = [];
  const seen = new Set();
  let cursor = null;
  let exhausted = false;
  let busy = false;
  const statuses = new Map();

  async function fill() {
    while (queue.length < 3 && !exhausted) {
      const page = await get(`/v1/feed?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      cursor = page.nextCursor;
      exhausted = !cursor || page.items.length === 0;
      for (const item of page.items) {
        if (!seen.has(item.job.id)) {
          seen.add(item.job.id);
          queue.push(item);
        }
      }
    }
  }

  function card(item) {
    const job = item.job;
    const salary = salaryText(job.salary);
    const node = h('article', { class: 'card', tabindex: '0', 'aria-roledescription': 'job card',
      'aria-labelledby': 'card-title', 'aria-describedby': 'deck-help', 'data-job': job.id },
    h('h2', { id: 'card-title' }, job.title),
    h('p', { class: 'company' }, job.company),
    h('p', { class: 'meta' }, [job.location, job.remote !== 'unknown' ? job.remote : null, salary].filter(Boolean).join(' · ')),
    item.why ? h('p', { class: 'why' }, item.why.summary) : null,
    job.skills && job.skills.length ? h('ul', { class: 'skills', 'aria-label': 'Skills' }, job.skills.slice(0, 8).map((s) => h('li', {}, s))) : null);
    dragToSwipe(node);
    return node;
  }

  function show() {
    const item = queue[0];
    if (!item) {
      stage.replaceChildren(h('p', { class: 'notice' }, 'You have seen every job for now. New ones arrive as sources are polled.'));
      return;
    }
    const left = h('button', { type: 'button', class: 'secondary', 'aria-keyshortcuts': 'ArrowLeft' }, 'Pass');
    const save = h('button', { type: 'button', class: 'secondary', 'aria-keyshortcuts': 'ArrowDown' }, 'Save');
    const right = h('button', { type: 'button', 'aria-keyshortcuts': 'ArrowRight' }, 'Apply');
    left.addEventListener('click', () => swipe('left'));
    save.addEventListener('click', () => swipe('save'));
    right.addEventListener('click', () => swipe('right'));
    stage.replaceChildren(card(item), h('div', { class: 'actions' }, left, save, right));
  }

  async function swipe(direction) {
    const item = queue[0];
    if (!item || busy) {
      return;
    }
    busy = true;
    status.replaceChildren();
    try {
      const answer = await post('/v1/swipes', { jobId: item.job.id, direction, clientId: crypto.randomUUID() });
      queue.shift();
      if (direction === 'right' && answer.applicationId) {
        addRecent(item.job, answer.applicationId);
        announce(`Applying to ${item.job.title} at ${item.job.company}`);
      } else {
        announce(direction === 'save' ? `Saved ${item.job.title}` : `Passed on ${item.job.title}`);
      }
      if (queue.length < 3) {
        await fill();
      }
      const hadFocus = stage.contains(document.activeElement);
      show();
      if (hadFocus) {
        stage.querySelector('.card')?.focus();
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        status.replaceChildren(errorBox(new Error('Verify your email before applying: open the link we emailed you.')));
      } else {
        status.replaceChildren(errorBox(error));
      }
    } finally {
      busy = false;
    }
  }

  function addRecent(job, applicationId) {
    const badge = h('span', { class: 'status status-QUEUED', 'data-status': 'QUEUED' }, 'QUEUED');
    statuses.set(applicationId, badge);
    recent.prepend(h('li', { 'data-application': applicationId },
      h('a', { href: `#/applications/${applicationId}` }, `${job.title} – ${job.company}`), ' ', badge));
  }

  function dragToSwipe(node) {
    let startX = null;
    let dx = 0;
    node.addEventListener('pointerdown', (e) => {
      startX = e.clientX;
      dx = 0;
      node.setPointerCapture(e.pointerId);
      node.classList.add('dragging');
    });
    node.addEventListener('pointermove', (e) => {
      if (startX === null) {
        return;
      }
      dx = e.clientX - startX;
      node.style.transform = `translateX(${dx}px) rotate(${dx / 20}deg)`;
    });
    const end = () => {
      if (startX === null) {
        return;
      }
      startX = null;
      node.classList.remove('dragging');
      node.style.transform = '';
      if (dx > 120) {
        swipe('right');
      } else if (dx < -120) {
        swipe('left');
      }
    };
    node.addEventListener('pointerup', end);
    node.addEventListener('pointercancel', end);
  }

  const keys = (e) => {
    if (e.target.closest('input, select, textarea') || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    const direction = { ArrowLeft: 'left', ArrowRight: 'right', ArrowDown: 'save' }[e.key];
    if (direction) {
      e.preventDefault();
      swipe(direction);
    }
  };
  document.addEventListener('keydown', keys);
  onLeave(() => document.removeEventListener('keydown', keys));
  onLeave(onLive((event) => {
    const badge = event.type === 'application' ? statuses.get(event.applicationId) : null;
    if (badge && event.status) {
      badge.className = `status status-${event.status}`;
      badge.dataset.status = event.status;
      badge.textContent = event.status.replace('_', ' ');
      announce(`Application now ${event.status}`);
    }
  }));

  await fill();
  show();
}
