// The operator area: sources (add, poll now, last result), ATS domains (limits, pause, circuit) and API keys.
import { get, post, put, del, ApiError } from './api.js';
import { h, field, announce, errorBox } from './dom.js';

export async function adminView(root) {
  root.append(h('h1', {}, 'Operator'));
  const sources = h('section', { 'aria-labelledby': 'sources-h' });
  const domains = h('section', { 'aria-labelledby': 'domains-h' });
  const keys = h('section', { 'aria-labelledby': 'keys-h' });
  root.append(sources, domains, keys);
  try {
    await Promise.all([sourcesSection(sources), domainsSection(domains), keysSection(keys)]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      root.replaceChildren(h('h1', {}, 'Operator'), h('p', {}, 'Only administrators see this area.'));
      return;
    }
    throw error;
  }
}

async function sourcesSection(section) {
  const table = h('table', {}, h('caption', { class: 'visually-hidden' }, 'Sources'),
    h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Jobs', 'Last poll', 'Action'].map((t) => h('th', { scope: 'col' }, t)))));
  const body = h('tbody');
  table.append(body);
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  const load = async () => {
    const list = await get('/v1/admin/sources');
    body.replaceChildren(...list.items.map((s) => {
      const poll = h('button', { type: 'button', class: 'secondary', 'aria-label': `Poll now: ${s.name}` }, 'Poll now');
      poll.addEventListener('click', async () => {
        poll.disabled = true;
        result.replaceChildren(h('p', {}, `Polling ${s.name}…`));
        try {
          const report = await post(`/v1/admin/sources/${s.id}/sync`);
          result.replaceChildren(h('p', { class: 'notice', 'data-report': s.id },
            `${s.name}: fetched ${report.fetched}, new ${report.created}, updated ${report.updated}, merged ${report.merged}, closed ${report.closed}`));
          await load();
        } catch (error) {
          result.replaceChildren(errorBox(error));
        } finally {
          poll.disabled = false;
        }
      });
      return h('tr', { 'data-source': s.id }, h('td', {}, s.name), h('td', {}, s.kind), h('td', {}, s.jobsSeen),
        h('td', {}, s.lastRunAt ? new Date(s.lastRunAt).toLocaleString() : 'never', s.lastError ? ` – ${s.lastError}` : ''),
        h('td', {}, poll));
    }));
  };
  const form = h('form', { class: 'stack', 'aria-labelledby': 'add-source-h' },
    h('h3', { id: 'add-source-h' }, 'Add a source'),
    field('Kind', { name: 'kind', required: true }, { tag: 'select', options: [['greenhouse', 'Greenhouse'], ['lever', 'Lever'],
      ['ashby', 'Ashby'], ['rss', 'RSS / Atom'], ['workable', 'Workable'], ['smartrecruiters', 'SmartRecruiters'],
      ['remotive', 'Remotive'], ['remoteok', 'RemoteOK']] }),
    field('List URL', { name: 'url', type: 'url', required: true }, { hint: 'The board API’s full list endpoint, or the feed URL.' }),
    field('Name', { name: 'name', required: true, maxlength: 200 }),
    h('button', { type: 'submit' }, 'Add source'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      await post('/v1/admin/sources', { kind: data.get('kind'), url: data.get('url'), name: data.get('name') });
      announce(`Source ${data.get('name')} added`);
      form.reset();
      await load();
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  });
  section.append(h('h2', { id: 'sources-h' }, 'Sources'), result, table, form);
  await load();
}

async function domainsSection(section) {
  const list = h('ul', { class: 'list' });
  const load = async () => {
    const answer = await get('/v1/admin/domains');
    list.replaceChildren(...answer.items.map((d) => h('li', {}, h('strong', {}, d.domain),
      ` – ${d.maxConcurrency} at once, ${d.perMinute}/min, ${d.perHour}/h, ${d.perDay}/day; circuit ${d.circuitState || 'closed'}`,
      d.pausedUntil ? `; paused until ${new Date(d.pausedUntil).toLocaleString()}` : '')));
    if (answer.items.length === 0) {
      list.append(h('li', {}, 'Every domain uses the defaults.'));
    }
  };
  const form = h('form', { class: 'stack', 'aria-labelledby': 'domain-form-h' },
    h('h3', { id: 'domain-form-h' }, 'Set a domain’s limits'),
    field('Domain', { name: 'domain', required: true, placeholder: 'boards.greenhouse.io' }),
    field('Sessions at once', { name: 'maxConcurrency', type: 'number', min: 1, max: 100, value: 2, required: true }),
    field('Starts per minute', { name: 'perMinute', type: 'number', min: 1, value: 10, required: true }),
    field('Starts per hour', { name: 'perHour', type: 'number', min: 1, value: 100, required: true }),
    field('Starts per day', { name: 'perDay', type: 'number', min: 1, value: 1000, required: true }),
    field('Paused until (optional)', { name: 'pausedUntil', type: 'datetime-local' }),
    h('div', { class: 'field' }, h('label', {}, h('input', { type: 'checkbox', name: 'closeCircuit' }), ' Close the circuit (forget failures)')),
    h('button', { type: 'submit' }, 'Save domain'));
  const status = h('div', { role: 'status' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const body = {};
    for (const key of ['maxConcurrency', 'perMinute', 'perHour', 'perDay']) {
      body[key] = Number(data.get(key));
    }
    if (data.get('pausedUntil')) {
      body.pausedUntil = new Date(data.get('pausedUntil')).toISOString();
    }
    if (data.get('closeCircuit')) {
      body.circuitState = 'closed';
    }
    try {
      await put(`/v1/admin/domains/${encodeURIComponent(String(data.get('domain')).trim().toLowerCase())}`, body);
      status.replaceChildren(h('p', { class: 'notice' }, 'Domain saved'));
      await load();
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  });
  section.append(h('h2', { id: 'domains-h' }, 'ATS domains'), list, status, form);
  await load();
}

async function keysSection(section) {
  const list = h('ul', { class: 'list' });
  const shown = h('div', { role: 'status', 'aria-live': 'polite' });
  const load = async () => {
    const answer = await get('/v1/admin/api-keys');
    list.replaceChildren(...answer.items.map((k) => {
      const item = h('li', {}, h('strong', {}, k.name), ` ${k.prefix}… – ${k.scopes.join(', ')}`, k.revoked ? ' (revoked)' : '');
      if (!k.revoked) {
        const revoke = h('button', { type: 'button', class: 'danger', 'aria-label': `Revoke ${k.name}` }, 'Revoke');
        revoke.addEventListener('click', async () => {
          await del(`/v1/admin/api-keys/${k.id}`);
          await load();
        });
        item.append(' ', revoke);
      }
      return item;
    }));
  };
  const scopes = h('fieldset', {}, h('legend', {}, 'Scopes'),
    ['admin', 'reports:read', 'sources:write'].map((scope) =>
      h('label', {}, h('input', { type: 'checkbox', name: 'scopes', value: scope }), ` ${scope} `)));
  const form = h('form', { class: 'stack', 'aria-labelledby': 'key-form-h' },
    h('h3', { id: 'key-form-h' }, 'Create an API key'),
    field('Key name', { name: 'name', required: true, maxlength: 100 }), scopes,
    h('button', { type: 'submit' }, 'Create key'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      const key = await post('/v1/admin/api-keys', { name: data.get('name'), scopes: data.getAll('scopes') });
      shown.replaceChildren(h('p', { class: 'notice' }, 'Copy this key now; it is not shown again: ', h('code', {}, key.key)));
      form.reset();
      await load();
    } catch (error) {
      shown.replaceChildren(errorBox(error));
    }
  });
  section.append(h('h2', { id: 'keys-h' }, 'API keys'), shown, list, form);
  await load();
}
