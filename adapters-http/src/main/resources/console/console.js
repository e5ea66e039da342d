// hivemesh operator console: plain JavaScript against the admin API, no build step.
// The admin token lives in sessionStorage (this tab only); text from the API is always set as text, never as HTML.
'use strict';

const TOKEN = 'hivemesh.admin';
const SESSION = 'hivemesh.session';
const state = { status: null, page: 'groups', stream: null, hive: null };

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const $ = (selector) => document.querySelector(selector);
const short = (id) => (id && id.length > 18 ? id.slice(0, 18) + '…' : id || '');
const when = (t) => (t ? new Date(t).toLocaleString() : '—');
const badge = (s) => h('span', { class: 'status-' + s, 'data-status': s }, s);

function notice(text) {
  $('#notice').textContent = text;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => { $('#notice').textContent = ''; }, 4000);
}

async function api(method, path, body, token = sessionStorage.getItem(TOKEN)) {
  const response = await fetch(path, {
    method,
    headers: Object.assign({ 'Content-Type': 'application/json' }, token ? { Authorization: 'Bearer ' + token } : {}),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const error = new Error((json.error && json.error.message) || response.status + ' ' + response.statusText);
    error.status = response.status;
    throw error;
  }
  return json;
}

// ---- sign in / out ----
async function signIn(event) {
  event.preventDefault();
  const token = $('#login-token').value.trim();
  try {
    await api('GET', '/api/v1/sync/status', undefined, token);
    sessionStorage.setItem(TOKEN, token);
    $('#login-token').value = '';
    start();
  } catch (e) {
    $('#login-error').textContent = e.status === 401 || e.status === 403 ? 'That is not this instance\'s admin token.' : e.message;
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(SESSION);
  if (state.stream) state.stream.abort();
  state.status = null;
  show(false);
}

function show(signedIn) {
  $('#login').hidden = signedIn;
  $('#nav').hidden = !signedIn;
  $('#logout').hidden = !signedIn;
  if (!signedIn) $('#page').replaceChildren();
}

function start() {
  show(true);
  live();
  go(location.hash.slice(1) || 'groups');
}

// ---- live figures: /api/v1/sync/status/stream read with fetch, so the token goes in a header, not the URL ----
async function live() {
  if (state.stream) state.stream.abort();
  const control = new AbortController();
  state.stream = control;
  try {
    const response = await fetch('/api/v1/sync/status/stream', {
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN), Accept: 'text/event-stream' },
      signal: control.signal,
    });
    if (response.status === 401 || response.status === 403) { signOut(); return; }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) received(JSON.parse(data));
      }
    }
  } catch (e) {
    if (control.signal.aborted) return;
  }
  $('#live').className = 'live off';
  $('#live').textContent = 'reconnecting';
  setTimeout(() => { if (sessionStorage.getItem(TOKEN) && state.stream === control) live(); }, 2000);
}

function received(status) {
  state.status = status;
  $('#instance').textContent = status.instance_id;
  $('#live').className = 'live on';
  $('#live').textContent = 'live · ' + new Date().toLocaleTimeString();
  if (state.page === 'groups' || state.page === 'peers') render();
}

// ---- pages ----
const pages = { groups, peers, quarantine, plans, roster, audit, hive };

function go(page) {
  state.page = pages[page] ? page : 'groups';
  location.hash = state.page;
  document.querySelectorAll('#nav button').forEach((b) => b.classList.toggle('active', b.dataset.page === state.page));
  render();
}

async function render() {
  const page = state.page;
  try {
    const content = await pages[page]();
    if (state.page === page) $('#page').replaceChildren(content);
  } catch (e) {
    if (e.status === 401) { signOut(); return; }
    $('#page').replaceChildren(h('p', { class: 'error' }, e.message));
  }
}

function table(columns, rows, rowAttrs) {
  return h('table', {}, h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c)))),
    h('tbody', {}, rows.length ? rows.map((r, i) => h('tr', rowAttrs ? rowAttrs(i) : {}, r.map((c) => h('td', {}, c))))
      : h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, 'none'))));
}

const waiting = () => h('p', { class: 'muted' }, 'waiting for the first figures…');
const groupList = () => (state.status ? state.status.groups : []);

async function groups() {
  if (!state.status) return waiting();
  return h('div', { id: 'groups' }, state.status.groups.length ? state.status.groups.map((g) => h('div', { class: 'card group', 'data-group': g.id, 'data-hive': g.hive_name },
    h('h3', {}, g.hive_name, ' ', h('span', { class: 'muted mono' }, g.id), ' ', h('span', { class: 'muted' }, g.consent + ' · ' + g.method)),
    h('div', { class: 'figures' },
      figure(g.local_seq, 'local seq', 'local-seq'), figure(g.event_count, 'events', 'event-count'),
      figure(g.unshared_events, 'unshared', 'unshared'), figure(g.quarantined, 'quarantined', 'quarantined'),
      figure(g.refused, 'refused', 'refused'), figure(g.pending_plans, 'pending plans', 'pending-plans')),
    h('p', {}, 'state digest ', h('code', { class: 'digest', 'data-digest': g.state_digest, title: g.state_digest }, g.state_digest.slice(0, 24) + '…')),
    table(['peer', 'status', 'lag (queue)', 'behind', 'last sync', 'last error'],
      g.peers.map((p) => [p.name, badge(p.status), h('span', { class: 'lag' }, p.lag), h('span', { class: 'behind' }, p.behind), when(p.last_sync), p.last_error || '']),
      (i) => ({ class: 'peer-row', 'data-peer': g.peers[i].id, 'data-lag': g.peers[i].lag, 'data-behind': g.peers[i].behind }))))
    : h('p', { class: 'muted' }, 'No sync groups yet: share a hive with POST /api/v1/sync/groups.'));
}

function figure(value, label, key) {
  return h('div', { class: 'figure', 'data-figure': key }, h('b', {}, value), h('span', {}, label));
}

async function peers() {
  if (!state.status) return waiting();
  return h('div', { class: 'card', id: 'peers' }, h('h3', {}, 'Peers'),
    table(['name', 'source', 'status', 'failures', 'last error', 'next retry', 'last success', 'hives'],
      state.status.peers.map((p) => [h('span', { title: p.id }, p.name), p.source, badge(p.status),
        h('span', { class: 'failures' }, p.consecutive_failures), p.last_error || '',
        h('span', { class: 'next-retry' }, p.next_retry_at ? when(p.next_retry_at) + (p.circuit_open ? ' (circuit open)' : '') : '—'),
        h('span', { class: 'last-success' }, when(p.last_success_at)), p.shared_hives.join(', ')]),
      (i) => ({ class: 'peer', 'data-peer': state.status.peers[i].id })));
}

async function quarantine() {
  const cards = [];
  for (const g of groupList()) {
    const refused = await api('GET', '/api/v1/sync/groups/' + g.id + '/refused');
    cards.push(h('div', { class: 'card' }, h('h3', {}, g.hive_name),
      h('p', { class: 'muted' }, 'Quarantined at intake (never stored): ' + g.quarantined),
      table(['at', 'peer', 'event', 'reason'], g.recent_quarantine.map((q) => [when(q.at), short(q.peer_id), short(q.event_id), q.reason])),
      h('p', { class: 'muted' }, 'Stored without effect under the authority rules: ' + refused.data.length),
      table(['type', 'actor', 'rule', 'reason'], refused.data.map((r) => [r.type, r.actor.name + ' @ ' + short(r.actor.instance_id), r.rule, r.reason]))));
  }
  return h('div', {}, cards.length ? cards : waiting());
}

async function plans() {
  const cards = [];
  for (const g of groupList()) {
    const list = (await api('GET', '/api/v1/sync/groups/' + g.id + '/merge-plans')).data;
    cards.push(h('div', { class: 'card' }, h('h3', {}, g.hive_name, ' ', h('span', { class: 'muted' }, g.consent)),
      table(['plan', 'kind', 'peer', 'status', 'waiting for', 'created', ''], list.map((p) => [
        h('code', {}, short(p.plan_id)), p.kind, short(p.peer_instance_id), badge(p.status),
        ((p.approval && p.approval.waiting_for) || []).map(short).join(', '), when(p.created_at),
        ['pending', 'awaiting_oversight'].includes(p.status) ? h('span', {},
          h('button', { class: 'primary approve', onclick: () => decide(p.plan_id, 'approve') }, 'Approve'), ' ',
          h('button', { class: 'danger reject', onclick: () => decide(p.plan_id, 'reject') }, 'Reject')) : '']),
      (i) => ({ class: 'plan', 'data-plan': list[i].plan_id, 'data-status': list[i].status }))));
  }
  return h('div', { id: 'plans' }, cards.length ? cards : waiting());
}

async function decide(planId, verdict) {
  try {
    const result = await api('POST', '/api/v1/sync/merge-plans/' + planId + '/' + verdict);
    notice('plan ' + short(planId) + ': ' + result.status);
  } catch (e) {
    notice(e.message);
  }
  render();
}

async function roster() {
  const cards = [];
  for (const g of groupList().filter((x) => x.consent === 'roster')) {
    const members = (await api('GET', '/api/v1/sync/groups/' + g.id + '/roster')).data;
    cards.push(h('div', { class: 'card' }, h('h3', {}, g.hive_name),
      table(['instance', 'state', 'since'], members.map((m) => [h('code', {}, m.instance_id), badge(m.state), when(m.since)]))));
  }
  return h('div', {}, cards.length ? cards : h('p', { class: 'muted' }, 'No governed (roster) groups here.'));
}

async function audit() {
  const records = (await api('GET', '/api/v1/audit?limit=100')).data;
  return h('div', { class: 'card', id: 'audit' }, h('h3', {}, 'Audit log (newest first)'),
    table(['at', 'action', 'details'], records.map((r) => [when(r.at), r.action,
      h('code', {}, JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !['id', 'at', 'action'].includes(k)))))])));
}

// ---- read view: content needs an agent's session, opened from its API key ----
async function hive() {
  const session = sessionStorage.getItem(SESSION);
  if (!session) {
    const key = h('input', { id: 'agent-key', type: 'password', placeholder: 'agent API key (hma_…)' });
    return h('div', { class: 'card' }, h('h3', {}, 'Read a hive'),
      h('p', { class: 'muted' }, 'Reading content takes an agent\'s session. Create an agent with POST /api/v1/agents and paste its API key; the session stays in this tab.'),
      h('form', { class: 'row', onsubmit: async (e) => {
        e.preventDefault();
        try {
          const opened = await api('POST', '/api/v1/sessions', { api_key: key.value.trim(), scope: 'read-write' }, null);
          sessionStorage.setItem(SESSION, opened.token);
          render();
        } catch (err) { notice(err.message); }
      } }, key, h('button', { class: 'primary', type: 'submit' }, 'Open session')));
  }
  const read = (path) => api('GET', path, undefined, session);
  const hives = (await read('/api/v1/hives')).data;
  const name = state.hive || (hives[0] && hives[0].name);
  if (!name) return h('p', { class: 'muted' }, 'No hives yet.');
  const [feed, decisions, conflicts] = await Promise.all([read('/api/v1/hives/' + encodeURIComponent(name) + '/feed?limit=25'),
    read('/api/v1/hives/' + encodeURIComponent(name) + '/decisions'), read('/api/v1/hives/' + encodeURIComponent(name) + '/conflicts')]);
  const picker = h('select', { id: 'hive-picker', onchange: (e) => { state.hive = e.target.value; render(); } },
    hives.map((x) => h('option', { value: x.name, selected: x.name === name }, x.name)));
  const thread = h('div', { id: 'thread' });
  return h('div', {},
    h('div', { class: 'row' }, 'Hive ', picker),
    h('div', { class: 'card', id: 'feed' }, h('h3', {}, 'Feed'), feed.data.length ? feed.data.map((p) => h('div', { class: 'post', 'data-post': p.post_id },
      h('a', { href: '#hive', onclick: (e) => { e.preventDefault(); openThread(p.post_id, thread, read); } }, p.title),
      ' ', h('span', { class: 'muted' }, p.author.name + ' · score ' + p.score + ' · ' + p.comment_count + ' comments'
        + (p.origin_instance_id !== state.status?.instance_id ? ' · synced from ' + short(p.origin_instance_id) : ''))))
      : h('p', { class: 'muted' }, 'No posts.')),
    thread,
    h('div', { class: 'card' }, h('h3', {}, 'Decisions'), table(['topic', 'choice', 'text', 'author', 'contradicts'],
      decisions.data.map((d) => [d.topic, d.choice, d.text, d.author.name, d.contradictions.map(short).join(', ')]))),
    h('div', { class: 'card' }, h('h3', {}, 'Open contradictions'), conflicts.data.length ? conflicts.data.map((c) => review(c, decisions.data, session))
      : h('p', { class: 'muted' }, 'None open.')));
}

async function openThread(postId, target, read) {
  const post = await read('/api/v1/posts/' + encodeURIComponent(postId));
  const comment = (c) => h('div', { class: 'comment' }, h('span', { class: 'muted' }, c.author.name + ': '),
    c.deleted ? h('em', {}, 'deleted') : c.content, c.replies.map(comment));
  target.replaceChildren(h('div', { class: 'card' }, h('h3', {}, post.title), h('p', {}, post.content || post.url || ''),
    post.comments.length ? post.comments.map(comment) : h('p', { class: 'muted' }, 'No comments.')));
}

function review(conflict, decisions, session) {
  const keep = h('select', {}, conflict.decision_ids.map((id) => {
    const d = decisions.find((x) => x.decision_id === id);
    return h('option', { value: id }, d ? d.choice + ' — ' + d.text : id);
  }));
  const note = h('input', { placeholder: 'note' });
  return h('form', { class: 'row', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('POST', '/api/v1/conflicts/' + conflict.conflict_id + '/review', { keep_decision_id: keep.value, note: note.value }, session);
      notice('contradiction resolved');
      render();
    } catch (err) { notice(err.message); }
  } }, h('b', {}, conflict.topic), ' keep ', keep, note, h('button', { type: 'submit' }, 'Resolve'));
}

document.addEventListener('DOMContentLoaded', () => {
  $('#login-form').addEventListener('submit', signIn);
  $('#logout').addEventListener('click', signOut);
  document.querySelectorAll('#nav button').forEach((b) => b.addEventListener('click', () => go(b.dataset.page)));
  if (sessionStorage.getItem(TOKEN)) start(); else show(false);
});
