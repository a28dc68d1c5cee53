// Attribution Watch explorer: vanilla JS over the JSON API (same origin). Every value from the
// API is written with textContent or SVG attributes — never parsed as HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const state = { filters: new URLSearchParams(), cursors: [null], page: 0, next: null };

  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function safeLink(url, text) {
    try {
      const u = new URL(url, location.href);
      if (u.protocol === 'http:' || u.protocol === 'https:')
        return el('a', text, { href: u.href, rel: 'noopener noreferrer', target: '_blank' });
    } catch (_) {
      /* not a URL */
    }
    return el('span', text);
  }
  async function getJson(url) {
    const r = await fetch(url, { headers: { accept: 'application/json' } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw Object.assign(new Error(body.error || `HTTP ${r.status}`), { body });
    return body;
  }
  const party = (p) =>
    p ? p.name + (p.country && p.kind !== 'state' ? ` (${p.country})` : '') : '—';

  function readFilters() {
    const f = new URLSearchParams();
    for (const [k, v] of new FormData($('filters'))) {
      const s = String(v).trim();
      if (s) f.set(k, s);
    }
    return f;
  }

  function exportLinks() {
    for (const fmt of ['csv', 'stix']) {
      const p = new URLSearchParams(state.filters);
      p.set('format', fmt);
      p.set('limit', '1000');
      $(`export-${fmt}`).href = `/claims?${p}`;
    }
  }

  async function loadClaims() {
    const p = new URLSearchParams(state.filters);
    p.set('limit', '25');
    const cursor = state.cursors[state.page];
    if (cursor) p.set('cursor', cursor);
    $('claims-status').textContent = 'Loading…';
    $('query-error').hidden = true;
    try {
      const data = await getJson(`/claims?${p}`);
      renderClaims(data.claims);
      state.next = data.nextCursor;
      $('claims-status').textContent = data.claims.length
        ? `${data.claims.length} claims on page ${state.page + 1}${data.nextCursor ? ', more on the next page' : ''}.`
        : 'No claims match these filters.';
    } catch (e) {
      renderClaims([]);
      state.next = null;
      $('claims-status').textContent = 'The query was refused.';
      $('query-error').textContent = e.message;
      $('query-error').hidden = false;
      const name = e.body && e.body.parameter;
      const input = name && document.querySelector(`#filters [name="${CSS.escape(name)}"]`);
      if (input) input.focus();
    }
    $('prev').disabled = state.page === 0;
    $('next').disabled = !state.next;
    $('page-no').textContent = `Page ${state.page + 1}`;
    exportLinks();
  }

  function renderClaims(claims) {
    const body = $('claims').tBodies[0];
    body.replaceChildren();
    for (const c of claims) {
      const tr = el('tr');
      tr.append(
        el('td', c.publishedAt.slice(0, 10)),
        el('td', party(c.accuser)),
        el('td', party(c.accused)),
        el('td', party(c.target)),
        el('td', c.action),
        el('td', c.evidence),
        el('td', c.confidence.toFixed(2)),
        el('td', c.responses.map((r) => r.kind).join(', ') || '—'),
      );
      const td = el('td');
      const open = el('button', c.articleTitle || c.id, { type: 'button', class: 'open' });
      open.setAttribute(
        'aria-label',
        `Open claim: ${party(c.accuser)} accuses ${party(c.accused)} — ${c.articleTitle}`,
      );
      open.dataset.id = c.id;
      open.addEventListener('click', () => openClaim(c.id, open));
      td.append(open);
      tr.append(td);
      body.append(tr);
    }
  }

  let returnFocus = null;
  async function openClaim(id, opener) {
    returnFocus = opener || null;
    const { claim: c, links, incidentId } = await getJson(`/claims/${encodeURIComponent(id)}`);
    const facts = $('detail-facts');
    facts.replaceChildren();
    const rows = [
      ['Accuser', party(c.accuser)],
      [
        'Accused',
        party(c.accused) +
          (c.accused.actor ? ` — actor ${c.accused.actor}` : '') +
          ((c.accused.alsoNamed || []).length
            ? `; also named: ${c.accused.alsoNamed.map((p) => p.name).join(', ')}`
            : ''),
      ],
      ['Target', party(c.target)],
      ['Action', c.action],
      ['Evidence', c.evidence],
      ['Confidence', c.confidence.toFixed(2)],
      ['Published', c.publishedAt],
      ['Outlet', c.outlet || '—'],
      ['Reported by', c.reportedBy.join(', ') || '—'],
    ];
    for (const [k, v] of rows) facts.append(el('dt', k), el('dd', v));
    $('detail-heading').textContent = `${party(c.accuser)} accuses ${party(c.accused)}`;
    $('detail-sentences').replaceChildren(...c.sentences.map((s) => el('li', s)));
    $('detail-responses').replaceChildren(
      ...(c.responses.length
        ? c.responses.map((r) => el('li', `${r.kind} by ${r.by.name}: “${r.text}”`))
        : [el('li', 'No response reported.')]),
    );
    const l = $('detail-links');
    l.replaceChildren(
      safeLink(c.articleUrl, `Read the article: ${c.articleTitle}`),
      document.createTextNode(' · '),
      el('a', 'Article and all its claims (JSON)', { href: links.article }),
    );
    if (incidentId) {
      l.append(
        document.createTextNode(' · '),
        el('a', 'Its incident and timeline', {
          href: `#incident/${encodeURIComponent(incidentId)}`,
          id: 'detail-incident',
        }),
      );
    }
    $('detail').hidden = false;
    $('detail-heading').focus();
  }

  function closeClaim() {
    $('detail').hidden = true;
    if (location.hash.startsWith('#claim/')) history.replaceState(null, '', location.pathname);
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    else $('claims-heading').focus();
  }

  function matrixChart(m) {
    const box = $('matrix-chart');
    box.replaceChildren();
    if (!m.cells.length) return box.append(el('p', 'No claims with countries on both sides yet.'));
    const cell = 34;
    const left = 50;
    const top = 30;
    const w = left + m.accused.length * cell + 10;
    const h = top + m.accusers.length * cell + 10;
    const max = Math.max(...m.cells.map((c) => c.count));
    const root = svg('svg', {
      width: w,
      height: h,
      viewBox: `0 0 ${w} ${h}`,
      role: 'img',
      id: 'matrix-svg',
    });
    const total = m.cells.reduce((n, c) => n + c.count, 0);
    root.append(
      svg(
        'title',
        {},
        `Who accuses whom: ${m.cells.length} accuser–accused pairs, ${total} claims`,
      ),
    );
    m.accused.forEach((a, i) =>
      root.append(
        svg('text', { x: left + i * cell + cell / 2, y: top - 8, 'text-anchor': 'middle' }, a),
      ),
    );
    m.accusers.forEach((a, j) =>
      root.append(
        svg('text', { x: left - 8, y: top + j * cell + cell / 2 + 4, 'text-anchor': 'end' }, a),
      ),
    );
    for (const c of m.cells) {
      const x = left + m.accused.indexOf(c.accused) * cell;
      const y = top + m.accusers.indexOf(c.accuser) * cell;
      const g = svg('g', { class: 'cell' });
      g.append(
        svg('rect', {
          x,
          y,
          width: cell - 2,
          height: cell - 2,
          fill: '#1a5fb4',
          'fill-opacity': 0.15 + (0.85 * c.count) / max,
        }),
        svg('text', { x: x + cell / 2 - 1, y: y + cell / 2 + 4, 'text-anchor': 'middle' }, c.count),
        svg('title', {}, `${c.accuser} accuses ${c.accused}: ${c.count}`),
      );
      root.append(g);
    }
    box.append(root);
    // The same data as a table for screen readers.
    const t = el('table', null, { class: 'visually-hidden' });
    t.append(el('caption', 'Claims by accuser and accused country'));
    const head = el('tr');
    head.append(
      el('th', 'Accuser \\ accused', { scope: 'col' }),
      ...m.accused.map((a) => el('th', a, { scope: 'col' })),
    );
    t.append(head);
    for (const r of m.accusers) {
      const tr = el('tr');
      tr.append(el('th', r, { scope: 'row' }));
      for (const a of m.accused) {
        const hit = m.cells.find((c) => c.accuser === r && c.accused === a);
        tr.append(el('td', hit ? hit.count : 0));
      }
      t.append(tr);
    }
    box.append(t);
  }

  function timeChart(weeks) {
    const box = $('time-chart');
    box.replaceChildren();
    const w = 640;
    const h = 160;
    const pad = 24;
    const max = Math.max(1, ...weeks.map((x) => x.count));
    const bw = (w - pad * 2) / Math.max(1, weeks.length);
    const total = weeks.reduce((n, x) => n + x.count, 0);
    const root = svg('svg', {
      width: w,
      height: h,
      viewBox: `0 0 ${w} ${h}`,
      role: 'img',
      id: 'time-svg',
    });
    root.append(svg('title', {}, `Claims per week: ${total} claims over ${weeks.length} weeks`));
    weeks.forEach((x, i) => {
      const bh = ((h - pad * 2) * x.count) / max;
      const bar = svg('rect', {
        x: pad + i * bw + 1,
        y: h - pad - bh,
        width: Math.max(1, bw - 2),
        height: bh,
        fill: '#26a269',
      });
      bar.append(svg('title', {}, `Week of ${x.week}: ${x.count}`));
      root.append(bar);
    });
    root.append(svg('line', { x1: pad, y1: h - pad, x2: w - pad, y2: h - pad, stroke: '#1b1f24' }));
    if (weeks.length) {
      root.append(svg('text', { x: pad, y: h - 6 }, weeks[0].week));
      root.append(
        svg('text', { x: w - pad, y: h - 6, 'text-anchor': 'end' }, weeks[weeks.length - 1].week),
      );
      root.append(svg('text', { x: pad, y: pad - 8 }, `max ${max}/week`));
    }
    box.append(root);
  }

  async function loadStats() {
    try {
      const s = await getJson('/stats');
      matrixChart(s.matrix);
      timeChart(s.weeks);
      $('stats-status').textContent =
        `${s.claims} claims from ${s.since.slice(0, 10)} to ${s.until.slice(0, 10)}.`;
    } catch (e) {
      $('stats-status').textContent = `Charts unavailable: ${e.message}`;
    }
  }

  async function subscribe(ev) {
    ev.preventDefault();
    const f = new FormData($('subscribe'));
    const accused = String(f.get('accusedCountries') || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const body = {
      email: String(f.get('email') || '').trim(),
      cadence: String(f.get('cadence') || 'daily'),
      filters: {
        ...(accused.length ? { accused } : {}),
        ...(f.get('denialOnly') ? { denialOnly: true } : {}),
      },
    };
    const status = $('subscribe-status');
    status.textContent = 'Sending…';
    try {
      const r = await fetch('/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
      const data = await r.json().catch(() => ({}));
      status.textContent = r.ok
        ? data.message || 'Subscribed: check your inbox to confirm.'
        : `Not subscribed (HTTP ${r.status}): ${data.message || data.error || 'refused'}`;
    } catch (e) {
      status.textContent = `Not subscribed: ${e.message}`;
    }
  }

  // ------------------------------------------------------------ incidents

  const inc = { filters: new URLSearchParams(), cursors: [null], page: 0, next: null };
  const KIND_LABEL = {
    'first-report': 'First report',
    'new-accuser': 'New accuser',
    evidence: 'Evidence',
    denial: 'Denial',
    'counter-accusation': 'Counter-accusation',
    acknowledgement: 'Acknowledgement',
    'claim-of-responsibility': 'Claim of responsibility',
  };

  function readIncidentFilters() {
    const f = new URLSearchParams();
    for (const [k, v] of new FormData($('incident-filters'))) {
      const s = String(v).trim();
      if (s) f.set(k, s);
    }
    return f;
  }

  async function loadIncidents() {
    const p = new URLSearchParams(inc.filters);
    p.set('limit', '25');
    const cursor = inc.cursors[inc.page];
    if (cursor) p.set('cursor', cursor);
    $('incidents-status').textContent = 'Loading…';
    $('incidents-error').hidden = true;
    try {
      const data = await getJson(`/incidents?${p}`);
      renderIncidents(data.incidents);
      inc.next = data.nextCursor;
      $('incidents-status').textContent = data.incidents.length
        ? `${data.incidents.length} incidents on page ${inc.page + 1}${data.nextCursor ? ', more on the next page' : ''}.`
        : 'No incidents match these filters.';
    } catch (e) {
      renderIncidents([]);
      inc.next = null;
      $('incidents-status').textContent = 'The query was refused.';
      $('incidents-error').textContent = e.message;
      $('incidents-error').hidden = false;
      const name = e.body && e.body.parameter;
      const input =
        name && document.querySelector(`#incident-filters [name="${CSS.escape(name)}"]`);
      if (input) input.focus();
    }
    $('incidents-prev').disabled = inc.page === 0;
    $('incidents-next').disabled = !inc.next;
    $('incidents-page-no').textContent = `Page ${inc.page + 1}`;
  }

  function renderIncidents(list) {
    const body = $('incidents').tBodies[0];
    body.replaceChildren();
    for (const i of list) {
      const tr = el('tr');
      const name = el('td');
      name.append(el('a', i.name, { href: `#incident/${encodeURIComponent(i.id)}` }));
      tr.append(
        el('td', i.lastSeen.slice(0, 10)),
        name,
        el('td', party(i.accused)),
        el('td', i.targets.map((t) => t.name).join('; ') || '—'),
        el('td', i.claimCount),
        el('td', i.evidence),
        el('td', i.confidence.toFixed(2)),
      );
      body.append(tr);
    }
  }

  /** Claims per day (per week when the incident spans more than 60 days), every period shown. */
  function claimPeriods(members) {
    const DAY = 86400000;
    const times = members.map((m) => Date.parse(m.publishedAt)).filter((t) => !Number.isNaN(t));
    if (!times.length) return { unit: 'day', periods: [] };
    const day = (t) => Math.floor(t / DAY) * DAY;
    const first = day(Math.min(...times));
    const last = day(Math.max(...times));
    const weekly = last - first > 60 * DAY;
    const start = (t) => {
      const d = day(t);
      return weekly ? d - ((new Date(d).getUTCDay() + 6) % 7) * DAY : d;
    };
    const step = weekly ? 7 * DAY : DAY;
    const counts = new Map();
    for (const t of times) counts.set(start(t), (counts.get(start(t)) || 0) + 1);
    const periods = [];
    for (let t = start(first); t <= last; t += step)
      periods.push({ start: new Date(t).toISOString().slice(0, 10), count: counts.get(t) || 0 });
    return { unit: weekly ? 'week' : 'day', periods };
  }

  function incidentChart(members) {
    const box = $('incident-chart');
    box.replaceChildren();
    const { unit, periods } = claimPeriods(members);
    const w = 640;
    const h = 160;
    const pad = 24;
    const max = Math.max(1, ...periods.map((x) => x.count));
    const bw = (w - pad * 2) / Math.max(1, periods.length);
    const root = svg('svg', {
      width: w,
      height: h,
      viewBox: `0 0 ${w} ${h}`,
      role: 'img',
      id: 'incident-svg',
    });
    root.append(
      svg(
        'title',
        {},
        `Claims per ${unit}: ${members.length} claims over ${periods.length} ${unit}s`,
      ),
    );
    periods.forEach((x, i) => {
      if (!x.count) return;
      const bh = ((h - pad * 2) * x.count) / max;
      const bar = svg('rect', {
        class: 'bar',
        x: pad + i * bw + 1,
        y: h - pad - bh,
        width: Math.max(1, bw - 2),
        height: bh,
        fill: '#26a269',
        'data-period': x.start,
        'data-count': x.count,
      });
      bar.append(svg('title', {}, `${unit === 'week' ? 'Week of ' : ''}${x.start}: ${x.count}`));
      root.append(bar);
    });
    root.append(svg('line', { x1: pad, y1: h - pad, x2: w - pad, y2: h - pad, stroke: '#1b1f24' }));
    if (periods.length) {
      root.append(svg('text', { x: pad, y: h - 6 }, periods[0].start));
      if (periods.length > 1)
        root.append(
          svg(
            'text',
            { x: w - pad, y: h - 6, 'text-anchor': 'end' },
            periods[periods.length - 1].start,
          ),
        );
      root.append(svg('text', { x: pad, y: pad - 8 }, `max ${max}/${unit}`));
    }
    box.append(root);
    $('incident-chart-caption').textContent = `Claims per ${unit}, by publication time.`;
  }

  function timelineItem(e) {
    const li = el('li', null, { class: `step ${e.kind}` });
    li.dataset.kind = e.kind;
    const who = e.by ? party(e.by) + (e.role ? ` (${e.role})` : '') : '';
    li.append(
      el('span', KIND_LABEL[e.kind] || e.kind, { class: 'kind' }),
      document.createTextNode(` · ${e.at.slice(0, 10)}${who ? ` · ${who}` : ''} · `),
      safeLink(e.articleUrl, e.outlet || e.articleTitle || 'article'),
      document.createTextNode(' · '),
      el('a', 'the claim', { href: `#claim/${encodeURIComponent(e.claimId)}`, class: 'claim' }),
      el('span', e.text, { class: 'text' }),
    );
    if (e.alsoIn && e.alsoIn.length) {
      const also = el('span', 'Also reported by: ', { class: 'also' });
      e.alsoIn.forEach((a, i) => {
        if (i) also.append(document.createTextNode(', '));
        also.append(safeLink(a.articleUrl, a.outlet || a.articleUrl));
      });
      li.append(also);
    }
    return li;
  }

  let incidentReturn = null;
  async function openIncident(id) {
    incidentReturn = document.activeElement;
    let data;
    try {
      data = await getJson(`/incidents/${encodeURIComponent(id)}`);
    } catch (e) {
      $('incident').hidden = true;
      $('incidents-error').textContent = `Incident ${id}: ${e.message}`;
      $('incidents-error').hidden = false;
      return;
    }
    const { incident: i, members, links } = data;
    $('incident-heading').textContent = i.name;
    const facts = $('incident-facts');
    facts.replaceChildren();
    const rows = [
      [
        'Accused',
        party(i.accused) +
          ((i.accused.alsoNamed || []).length
            ? `; also named: ${i.accused.alsoNamed.map((p) => p.name).join(', ')}`
            : ''),
      ],
      ['Accusers', i.accusers.map((p) => p.name).join(', ') || '—'],
      ['Targets', i.targets.map((t) => t.name).join('; ') || '—'],
      ['Actions', i.actions.join(', ')],
      ['Strongest evidence', i.evidence],
      ['Confidence', i.confidence.toFixed(2)],
      [
        'Answers',
        i.responders.map((r) => `${r.kind} by ${r.by.name}`).join('; ') || 'none reported',
      ],
      ['First seen', i.firstSeen],
      ['Last seen', i.lastSeen],
      ['Claims', `${i.claimCount} in ${i.articleCount} articles`],
    ];
    for (const [k, v] of rows) facts.append(el('dt', k), el('dd', v));
    $('incident-timeline').replaceChildren(...i.timeline.map(timelineItem));
    incidentChart(members);
    $('incident-links').replaceChildren(
      el('a', 'Export STIX 2.1', { href: links.stix, id: 'incident-stix' }),
    );
    $('incident').hidden = false;
    $('incident-heading').focus();
  }

  function closeIncident() {
    $('incident').hidden = true;
    if (location.hash.startsWith('#incident/')) history.replaceState(null, '', location.pathname);
    if (incidentReturn && document.contains(incidentReturn)) incidentReturn.focus();
    else $('incidents-heading').focus();
  }

  /** `#incident/<id>` and `#claim/<id>` open an incident or a claim (links between them). */
  function route() {
    const m = /^#(incident|claim)\/(.+)$/.exec(location.hash);
    if (!m) return;
    let id;
    try {
      id = decodeURIComponent(m[2]);
    } catch (_) {
      return;
    }
    if (m[1] === 'incident') openIncident(id);
    else
      openClaim(id, null).catch((e) => {
        $('query-error').textContent = `Claim ${id}: ${e.message}`;
        $('query-error').hidden = false;
      });
  }

  $('incident-filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    inc.filters = readIncidentFilters();
    inc.cursors = [null];
    inc.page = 0;
    loadIncidents();
  });
  $('incident-filters').addEventListener('reset', () => {
    inc.filters = new URLSearchParams();
    inc.cursors = [null];
    inc.page = 0;
    setTimeout(loadIncidents);
  });
  $('incidents-next').addEventListener('click', () => {
    if (!inc.next) return;
    inc.cursors[inc.page + 1] = inc.next;
    inc.page++;
    loadIncidents().then(() => $('incidents-heading').focus());
  });
  $('incidents-prev').addEventListener('click', () => {
    if (inc.page === 0) return;
    inc.page--;
    loadIncidents().then(() => $('incidents-heading').focus());
  });
  $('incident-close').addEventListener('click', closeIncident);
  $('incident').addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') closeIncident();
  });
  window.addEventListener('hashchange', route);

  $('filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.filters = readFilters();
    state.cursors = [null];
    state.page = 0;
    loadClaims();
  });
  $('filters').addEventListener('reset', () => {
    state.filters = new URLSearchParams();
    state.cursors = [null];
    state.page = 0;
    setTimeout(loadClaims);
  });
  $('next').addEventListener('click', () => {
    if (!state.next) return;
    state.cursors[state.page + 1] = state.next;
    state.page++;
    loadClaims().then(() => $('claims-heading').focus());
  });
  $('prev').addEventListener('click', () => {
    if (state.page === 0) return;
    state.page--;
    loadClaims().then(() => $('claims-heading').focus());
  });
  $('detail-close').addEventListener('click', closeClaim);
  $('detail').addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') closeClaim();
  });
  $('subscribe').addEventListener('submit', subscribe);
  loadClaims();
  loadStats();
  loadIncidents();
  route();
})();
