/**
 * The clustering rules, the entities they compare and the timeline, on claims built by hand:
 * each test names the rule it holds to (docs/incidents.md).
 */
import { ArticleContext, Clusterer } from '../../lambdas/core/incidents/cluster';
import { claimEntities, namedThings } from '../../lambdas/core/incidents/entities';
import {
  accusedKeysOf,
  articleMembers,
  incidentIdFor,
  toMember,
} from '../../lambdas/core/incidents/member';
import { summarize, timelineOf } from '../../lambdas/core/incidents/summary';
import type { Party } from '../../lambdas/core/model';
import type { IncidentMember, StoredClaim } from '../../lambdas/core/records';

const china: Party = { name: 'China', kind: 'state', country: 'CN' };
const russia: Party = { name: 'Russia', kind: 'state', country: 'RU' };
const usa: Party = { name: 'United States', kind: 'state', country: 'US' };
const mandiant: Party = { name: 'Mandiant', kind: 'company', country: 'US' };
const group = (name: string, country: string): Party => ({
  name,
  kind: 'state-linked-group',
  country,
  actor: name,
});

let n = 0;
function member(over: Partial<IncidentMember> & { accused: Party }): IncidentMember {
  n++;
  return {
    claimId: `c_${n}`,
    articleId: `a_${n}`,
    articleTitle: `Story ${n}`,
    articleUrl: `https://news.example/${n}`,
    outlet: 'The Example Post',
    publishedAt: '2026-03-01T00:00:00.000Z',
    accuser: usa,
    target: null,
    action: 'espionage',
    evidence: 'unspecified',
    confidence: 0.7,
    counterAccusation: false,
    responses: [],
    sentence: `Sentence ${n}.`,
    entities: [],
    ...over,
  };
}

describe('namedThings', () => {
  it('finds coined words and capitalized names, not parties, sentence starts or years', () => {
    const names = namedThings(
      'Investigators said Russian hackers behind the SolarWinds breach used the Sunburst backdoor in 2020. NotPetya hit Maersk.',
    );
    expect(names).toEqual(expect.arrayContaining(['solarwinds', 'sunburst', 'notpetya', 'maersk']));
    expect(names).not.toContain('investigators');
    expect(names).not.toContain('russian');
    expect(names).not.toContain('2020');
  });

  it('drops a month with its year: a date names no operation', () => {
    const names = namedThings(
      'The group flooded the Kestrel Mail portal in June 2023, prosecutors said in October 2024.',
    );
    expect(names).toContain('kestrel mail');
    expect(names).not.toContain('june 2023');
    expect(names).not.toContain('october 2024');
  });

  it('keeps a long institutional name and drops a short generic one', () => {
    const names = namedThings(
      'Hackers stole files from the Democratic National Committee, the Foreign Ministry said.',
    );
    expect(names).toContain('democratic national committee');
    expect(names).not.toContain('foreign ministry');
  });

  it('splits at a possessive and keeps a name that starts a sentence when it recurs', () => {
    expect(namedThings("Attackers abused SolarWinds' Orion software.")).toEqual(
      expect.arrayContaining(['solarwinds', 'orion']),
    );
    const t = 'Kyivstar lost service for days. Engineers at Kyivstar restored it.';
    expect(namedThings(t)).toContain('kyivstar');
  });
});

describe('namedThings: coined words inside longer names', () => {
  it('also names a coined word of a longer name on its own, and no plain word of one', () => {
    const names = namedThings(
      'Intruders abused the Contoso CloudSync platform at Fabrikam Harbour.',
    );
    expect(names).toEqual(expect.arrayContaining(['contoso cloudsync', 'cloudsync']));
    expect(names).toContain('fabrikam harbour');
    expect(names).not.toContain('contoso');
    expect(names).not.toContain('harbour');
  });
});

describe('claimEntities', () => {
  it('reads the headline, the claim paragraph, the lead and repeated names, not passing ones', () => {
    const text = [
      'Officials said the group breached Contoso Shipping in March.',
      'The intrusion used a tool the researchers call Quillwort.',
      'Separately, Fabrikam reported an unrelated outage.',
      'Contoso Shipping said it had restored its systems.',
    ].join('\n\n');
    const e = claimEntities({
      title: 'Hack of Contoso Shipping',
      sentences: ['The intrusion used a tool the researchers call Quillwort.'],
      text,
      exclude: [],
    });
    expect(e).toEqual(expect.arrayContaining(['contoso shipping', 'quillwort']));
    expect(e).not.toContain('fabrikam');
  });

  it('leaves out the names of the claim’s own parties', () => {
    const e = claimEntities({
      title: 'Mandiant ties Contoso hack to Volt Typhoon',
      sentences: [],
      exclude: ['Mandiant'],
    });
    expect(e).not.toContain('mandiant');
    expect(e).toContain('contoso');
  });
});

describe('Clusterer', () => {
  it('joins reports of one group that share named things, months apart, and not on one alone', () => {
    const c = new Clusterer();
    const opening = member({
      accused: group('Volt Typhoon', 'CN'),
      entities: ['contoso grid', 'quillwort'],
    });
    const a = c.place(opening);
    const b = c.place(
      member({
        accused: group('Volt Typhoon', 'CN'),
        entities: ['contoso grid', 'quillwort'],
        publishedAt: '2026-07-01T00:00:00.000Z',
      }),
    );
    const lone = c.place(
      member({
        accused: group('Volt Typhoon', 'CN'),
        entities: ['contoso grid'],
        publishedAt: '2026-11-01T00:00:00.000Z',
      }),
    );
    expect(lone.incidentId).not.toBe(a.incidentId);
    expect(a.created).toBe(true);
    expect(a.incidentId).toBe(incidentIdFor(opening.claimId));
    expect(b.incidentId).toBe(a.incidentId);
  });

  it('needs more than the state alone: two Chinese operations on different victims stay apart', () => {
    const c = new Clusterer();
    const a = c.place(
      member({ accused: china, target: { name: 'Treasury', kind: 'agency', country: 'US' } }),
    );
    const b = c.place(
      member({
        accused: china,
        target: { name: 'Coast Guard', kind: 'agency', country: 'PH' },
        publishedAt: '2026-03-20T00:00:00.000Z',
      }),
    );
    expect(b.incidentId).not.toBe(a.incidentId);
    // The same victim, days later, is the same operation.
    const d = c.place(
      member({
        accused: china,
        target: { name: 'Treasury', kind: 'agency', country: 'US' },
        publishedAt: '2026-03-04T00:00:00.000Z',
      }),
    );
    expect(d.incidentId).toBe(a.incidentId);
  });

  it('matches a group to its state, and states apart never', () => {
    const c = new Clusterer();
    const named = ['quillwort', 'fernbrake'];
    const a = c.place(member({ accused: group('APT29', 'RU'), entities: named }));
    expect(c.place(member({ accused: russia, entities: named })).incidentId).toBe(a.incidentId);
    expect(c.place(member({ accused: china, entities: named })).incidentId).not.toBe(a.incidentId);
    // One named thing in common, weeks later, is not enough for a state alone: one state runs
    // many operations at once.
    expect(
      c.place(
        member({
          accused: russia,
          entities: ['quillwort'],
          publishedAt: '2026-04-20T00:00:00.000Z',
        }),
      ).incidentId,
    ).not.toBe(a.incidentId);
  });

  it('takes the organ the gazetteer ties a group to when the report does not say it', () => {
    expect(accusedKeysOf(group('APT29', 'RU')).state).toEqual(
      expect.arrayContaining(['RU', 'svr']),
    );
    expect(accusedKeysOf(group('APT28', 'RU')).state).toContain('gru');
    expect(accusedKeysOf(group('APT28', 'RU')).state).not.toContain('svr');
  });

  it('matches a group to the organ behind it on less than a match on the state alone needs', () => {
    const svr: Party = { name: 'SVR', kind: 'agency', country: 'RU', actor: 'SVR' };
    const victim: Party = { name: 'Contoso Grid', kind: 'company', country: 'US' };
    const c = new Clusterer();
    const a = c.place(member({ accused: group('APT29', 'RU'), target: victim }));
    // Two months later, the same victim only: enough for the organ behind the group...
    const b = c.place(
      member({ accused: svr, target: victim, publishedAt: '2026-05-01T00:00:00.000Z' }),
    );
    expect(b.incidentId).toBe(a.incidentId);
    expect(b.reason).toMatch(/same organ/);
    // ...not for the state alone.
    const d = new Clusterer();
    const e = d.place(member({ accused: group('APT29', 'RU'), target: victim }));
    const f = d.place(
      member({ accused: russia, target: victim, publishedAt: '2026-05-01T00:00:00.000Z' }),
    );
    expect(f.incidentId).not.toBe(e.incidentId);
  });

  it('does not count an accused officer as another group than his unit', () => {
    const victim: Party = { name: 'Contoso Grid', kind: 'company', country: 'US' };
    const officer: Party = { name: 'Ivan Contosov', kind: 'person', country: 'RU' };
    const c = new Clusterer();
    const a = c.place(member({ accused: group('APT28', 'RU'), target: victim }));
    const b = c.place(
      member({ accused: officer, target: victim, publishedAt: '2026-03-05T00:00:00.000Z' }),
    );
    expect(b.incidentId).toBe(a.incidentId);
    expect(b.reason).not.toMatch(/different groups/);
    // Two groups on the same victim still count against each other, known or not.
    const twoGroups = (x: Party, y: Party) => {
      const g = new Clusterer();
      const first = g.place(member({ accused: x, target: victim }));
      const second = g.place(
        member({ accused: y, target: victim, publishedAt: '2026-03-05T00:00:00.000Z' }),
      );
      return [first.incidentId, second.incidentId];
    };
    const [h, i] = twoGroups(group('Velquil Kitten', 'IR'), group('Dorsor Kitten', 'IR'));
    expect(i).not.toBe(h);
    const [e, f] = twoGroups(group('APT28', 'RU'), group('APT29', 'RU'));
    expect(f).not.toBe(e);
  });

  it('tells a stored incident’s group from an officer the same way', () => {
    const victim: Party = { name: 'Contoso Grid', kind: 'company', country: 'US' };
    const times = { createdAt: 'x', updatedAt: 'y' };
    const stored = summarize(
      'inc_stored',
      [member({ accused: group('Velquil Kitten', 'IR'), target: victim })],
      times,
    );
    const later = (accused: Party) =>
      member({ accused, target: victim, publishedAt: '2026-03-05T00:00:00.000Z' });
    const c = new Clusterer();
    c.know(stored);
    expect(c.place(later(group('Dorsor Kitten', 'IR'))).incidentId).not.toBe('inc_stored');
    const d = new Clusterer();
    d.know(stored);
    const officer: Party = { name: 'Ali Contosi', kind: 'person', country: 'IR' };
    expect(d.place(later(officer)).incidentId).toBe('inc_stored');
    const e = new Clusterer();
    e.know(summarize('inc_officer', [member({ accused: officer, target: victim })], times));
    expect(e.place(later(group('Dorsor Kitten', 'IR'))).incidentId).toBe('inc_officer');
  });

  it('keeps different groups of one state apart on a shared name alone', () => {
    const c = new Clusterer();
    const a = c.place(member({ accused: group('APT31', 'CN'), entities: ['parliament alliance'] }));
    const b = c.place(member({ accused: group('APT40', 'CN'), entities: ['parliament alliance'] }));
    expect(b.incidentId).not.toBe(a.incidentId);
  });

  it('does not join outside the time window without a shared name or target', () => {
    const c = new Clusterer();
    const a = c.place(member({ accused: group('LockBit', 'RU'), action: 'ransomware' }));
    const b = c.place(
      member({
        accused: group('LockBit', 'RU'),
        action: 'ransomware',
        publishedAt: '2027-03-01T00:00:00.000Z',
      }),
    );
    expect(b.incidentId).not.toBe(a.incidentId);
  });

  it('does not join a DDoS wave to a data theft', () => {
    const c = new Clusterer();
    const a = c.place(
      member({ accused: group('NoName057', 'RU'), action: 'ddos', entities: ['x'] }),
    );
    const b = c.place(
      member({ accused: group('NoName057', 'RU'), action: 'data-theft', entities: ['x'] }),
    );
    expect(b.incidentId).not.toBe(a.incidentId);
  });

  it('joins another accused of the same sentence in one article, not of another sentence', () => {
    const c = new Clusterer();
    const ctx = new ArticleContext();
    const first = member({ accused: russia, sentence: 'Kyiv blamed Russia and UNC1151.' });
    const p = c.place(first, ctx);
    ctx.add(p.incidentId, first);
    const same = member({
      accused: group('UNC1151', 'BY'),
      articleId: first.articleId,
      sentence: 'Kyiv blamed Russia and UNC1151.',
    });
    expect(c.place(same, ctx).incidentId).toBe(p.incidentId);
    const other = member({ accused: group('Lazarus', 'KP'), articleId: first.articleId });
    expect(c.place(other, ctx).incidentId).not.toBe(p.incidentId);
  });

  it('keeps one group of one article together when its claims were read as different actions', () => {
    const sudan = group('Anonymous Sudan', 'SD');
    const c = new Clusterer();
    const ctx = new ArticleContext();
    const first = member({ accused: sudan, action: 'ddos' });
    const p = c.place(first, ctx);
    ctx.add(p.incidentId, first);
    const again = member({ accused: sudan, action: 'intrusion', articleId: first.articleId });
    expect(c.place(again, ctx).incidentId).toBe(p.incidentId);
    // In another article, a DDoS wave and an intrusion by the group stay apart.
    const other = member({ accused: sudan, action: 'intrusion' });
    expect(c.place(other).incidentId).not.toBe(p.incidentId);
  });

  it('does not join two accused read from one headline', () => {
    const c = new Clusterer();
    const ctx = new ArticleContext();
    const title = 'Vendor ties two separate campaigns to Chinese and Iranian hackers';
    const a = member({ accused: group('APT41', 'CN'), articleTitle: title, sentence: title });
    const p = c.place(a, ctx);
    ctx.add(p.incidentId, a);
    const b = member({
      accused: group('APT35', 'IR'),
      articleId: a.articleId,
      articleTitle: title,
      sentence: title,
    });
    expect(c.place(b, ctx).incidentId).not.toBe(p.incidentId);
  });

  /** Places one article's members as the sync job does: in the clusterer's order. */
  function placeArticle(c: Clusterer, members: IncidentMember[]): Map<string, string> {
    const ctx = new ArticleContext();
    const out = new Map<string, string>();
    for (const m of c.order(members)) {
      const p = c.place(m, ctx);
      out.set(m.claimId, p.incidentId);
      if (!m.counterAccusation) ctx.add(p.incidentId, m);
    }
    return out;
  }

  it('places first the claims that match a known incident, counter-accusations last', () => {
    const c = new Clusterer();
    c.place(member({ accused: group('APT40', 'CN'), entities: ['quillwort', 'fernbrake'] }));
    const later = { publishedAt: '2026-09-01T00:00:00.000Z', articleId: 'a_story' };
    const fresh = member({ accused: china, ...later });
    const counter = member({ accused: usa, counterAccusation: true, ...later });
    const recalled = member({
      accused: group('APT40', 'CN'),
      entities: ['quillwort', 'fernbrake'],
      ...later,
    });
    expect(c.order([counter, fresh, recalled]).map((m) => m.claimId)).toEqual([
      recalled.claimId,
      fresh.claimId,
      counter.claimId,
    ]);
  });

  it('keeps in the article’s order a claim that matches a known incident on its state alone', () => {
    const c = new Clusterer();
    c.place(member({ accused: china, entities: ['quillwort', 'fernbrake'] }));
    const story = { publishedAt: '2026-03-03T00:00:00.000Z', articleId: 'a_story' };
    const first = member({ accused: group('Velquil Typhoon', 'CN'), ...story });
    const stateOnly = member({ accused: china, entities: ['quillwort', 'fernbrake'], ...story });
    expect(c.order([first, stateOnly]).map((m) => m.claimId)).toEqual([
      first.claimId,
      stateOnly.claimId,
    ]);
  });

  it('files a recalled older operation there, and does not pull the story’s new one in', () => {
    const c = new Clusterer();
    const old = c.place(
      member({ accused: group('APT40', 'CN'), entities: ['quillwort', 'fernbrake'] }),
    );
    // Months later, a story about a new Chinese operation that recalls the old one. Its claim
    // against China comes first in the article, and shares one of the old names.
    const story = { publishedAt: '2026-09-01T00:00:00.000Z', articleId: 'a_story' };
    const fresh = member({
      accused: china,
      target: { name: 'Contoso Grid', kind: 'company', country: 'US' },
      entities: ['contoso grid', 'quillwort'],
      ...story,
    });
    const recalled = member({
      accused: group('APT40', 'CN'),
      entities: ['quillwort', 'fernbrake'],
      ...story,
    });
    const placed = placeArticle(c, [fresh, recalled]);
    expect(placed.get(recalled.claimId)).toBe(old.incidentId);
    expect(placed.get(fresh.claimId)).not.toBe(old.incidentId);
    expect(placed.get(fresh.claimId)).toBe(incidentIdFor(fresh.claimId));
    // In the article's own order, the claim against China would have opened an incident and
    // pulled the recalled group in with it.
    const d = new Clusterer();
    const oldAgain = d.place(
      member({ accused: group('APT40', 'CN'), entities: ['quillwort', 'fernbrake'] }),
    );
    const ctx = new ArticleContext();
    const a = d.place(fresh, ctx);
    ctx.add(a.incidentId, fresh);
    expect(d.place(recalled, ctx).incidentId).not.toBe(oldAgain.incidentId);
  });

  it('does not count an older incident as recent because this article just joined it', () => {
    const c = new Clusterer();
    const named = ['quillwort', 'fernbrake'];
    const old = c.place(member({ accused: group('APT29', 'RU'), entities: named }));
    const story = { publishedAt: '2026-06-01T00:00:00.000Z', articleId: 'a_story' };
    const recalled = member({ accused: group('APT29', 'RU'), entities: named, ...story });
    // Russia, in the same story, shares one of its names with the old incident: with the
    // story's own report counted as recent, that would reach what a state alone needs.
    const russiaClaim = member({ accused: russia, entities: ['quillwort'], ...story });
    const placed = placeArticle(c, [recalled, russiaClaim]);
    expect(placed.get(recalled.claimId)).toBe(old.incidentId);
    expect(placed.get(russiaClaim.claimId)).not.toBe(old.incidentId);
    // Reported within days of the old incident, the same claim joins it.
    const d = new Clusterer();
    const oldAgain = d.place(member({ accused: group('APT29', 'RU'), entities: named }));
    const near = member({
      accused: russia,
      entities: ['quillwort'],
      publishedAt: '2026-03-05T00:00:00.000Z',
    });
    expect(d.place(near).incidentId).toBe(oldAgain.incidentId);
  });

  it('reads a plural target as the same victim', () => {
    const c = new Clusterer();
    const target = (name: string): Party => ({ name, kind: 'agency', country: null });
    const a = c.place(
      member({
        accused: group('Cadet Blizzard', 'RU'),
        target: target('Ukrainian government computers'),
      }),
    );
    const b = c.place(
      member({
        accused: group('Cadet Blizzard', 'RU'),
        target: target('Ukrainian government computer systems'),
        publishedAt: '2026-03-08T00:00:00.000Z',
      }),
    );
    expect(b.incidentId).toBe(a.incidentId);
    expect(b.reason).toMatch(/same target(?! country)/);
  });

  it('reads a one-word name as the victim whose longer name it starts, not a common word', () => {
    const c = new Clusterer();
    const agency = (name: string): Party => ({ name, kind: 'agency', country: null });
    const a = c.place(member({ accused: china, target: agency('Treasury sanctions office') }));
    const vendorReport = member({
      accused: group('Silk Typhoon', 'CN'),
      target: agency('Treasury'),
      entities: ['beyondtrust'],
      publishedAt: '2026-03-06T00:00:00.000Z',
    });
    const b = c.place(vendorReport);
    expect(b.incidentId).toBe(a.incidentId);
    expect(b.reason).toMatch(/same target(?! country)/);
    // The other way round: the vendor's report first, the government's days later.
    const r = new Clusterer();
    const first = r.place({ ...vendorReport, claimId: 'c_vendor_first' });
    const later = r.place(
      member({
        accused: china,
        target: agency('Treasury sanctions office'),
        publishedAt: '2026-03-09T00:00:00.000Z',
      }),
    );
    expect(later.incidentId).toBe(first.incidentId);
    // And with the vendor's incident known from the store, as the sync job knows it.
    const known = new Clusterer();
    known.know(summarize('inc_vendor', [vendorReport], { createdAt: 'x', updatedAt: 'y' }));
    const fromStore = known.place(
      member({
        accused: china,
        target: agency('Treasury sanctions office'),
        publishedAt: '2026-03-09T00:00:00.000Z',
      }),
    );
    expect(fromStore.incidentId).toBe('inc_vendor');
    const d = new Clusterer();
    const e = d.place(member({ accused: china, target: agency('government networks') }));
    const common = d.place(
      member({
        accused: group('Silk Typhoon', 'CN'),
        target: agency('government'),
        entities: ['beyondtrust'],
        publishedAt: '2026-03-06T00:00:00.000Z',
      }),
    );
    expect(common.incidentId).not.toBe(e.incidentId);
  });

  it('places a claim again in the incident an earlier run gave it (attach)', () => {
    const c = new Clusterer();
    const m = member({ accused: group('Salt Typhoon', 'CN'), entities: ['verizon'] });
    c.attach('inc_earlier', m);
    const next = c.place(member({ accused: group('Salt Typhoon', 'CN'), entities: ['verizon'] }));
    expect(next.incidentId).toBe('inc_earlier');
  });
});

describe('articleMembers', () => {
  const text =
    'Officials said Russian hackers known as Velquil Bear broke into Contoso Grid.\n\nRussia denied any role.';
  const stored = (ordinal: number, accused: Party): StoredClaim => ({
    id: `c_story_${ordinal}`,
    articleId: 'a_story',
    ordinal,
    articleUrl: 'https://news.example/story',
    articleTitle: 'Velquil Bear tied to Contoso Grid hack',
    outlet: 'The Example Post',
    publishedAt: '2026-03-01T00:00:00.000Z',
    storedAt: '2026-03-01T00:00:00.000Z',
    detectorVersion: 'test',
    hasDenial: true,
    accuser: usa,
    accused,
    target: { name: 'Contoso Grid', kind: 'company', country: null },
    action: 'intrusion',
    evidence: 'unspecified',
    confidence: 0.7,
    reportedBy: [],
    sentences: [text.split('\n\n')[0]!],
    responses: [],
  });
  it('leaves the accused of every claim of the article out of each claim’s named things', () => {
    const claims = [stored(0, group('Velquil Bear', 'RU')), stored(1, russia)];
    // Alone, the claim against Russia names the group as a named thing of its story…
    expect(toMember(claims[1]!, text).entities).toContain('velquil bear');
    // …which would tie it to any older operation of that group: with its article, it does not.
    const [g, r] = articleMembers(claims, text);
    expect(r!.entities).not.toContain('velquil bear');
    expect(r!.entities).toContain('contoso grid');
    expect(g!.entities).not.toContain('velquil bear');
  });
});

describe('accusedKeysOf', () => {
  it('keeps groups as actor keys and states and organs as broad keys', () => {
    const k = accusedKeysOf({ ...group('APT29', 'RU'), sponsor: 'SVR', alsoNamed: [russia] });
    expect(k.actor).toEqual(['apt29']);
    expect(k.state.sort()).toEqual(['RU', 'svr']);
    expect(accusedKeysOf({ name: 'GRU', kind: 'agency', country: 'RU' }).actor).toEqual([]);
  });
});

describe('summarize and the timeline', () => {
  const first = member({
    accused: china,
    accuser: usa,
    publishedAt: '2026-05-01T00:00:00.000Z',
    target: { name: 'Treasury', kind: 'agency', country: 'US' },
  });
  const denial = member({
    accused: china,
    accuser: usa,
    publishedAt: '2026-05-03T00:00:00.000Z',
    responses: [{ kind: 'denial', by: china, text: 'Beijing called the charge groundless.' }],
  });
  const vendor = member({
    accused: { ...group('Silk Typhoon', 'CN'), alsoNamed: [china] },
    accuser: mandiant,
    publishedAt: '2026-05-09T00:00:00.000Z',
    evidence: 'provided',
    confidence: 0.9,
  });
  const again = member({ accused: china, accuser: usa, publishedAt: '2026-05-10T00:00:00.000Z' });

  it('gives the steps in time order, each new accuser once, later repeats as alsoIn', () => {
    const t = timelineOf([again, vendor, denial, first]);
    expect(t.map((e) => e.kind)).toEqual(['first-report', 'denial', 'new-accuser', 'evidence']);
    expect(t[0]!.articleId).toBe(first.articleId);
    expect(t[0]!.alsoIn.map((a) => a.articleId)).toEqual([denial.articleId, again.articleId]);
    expect(t[2]!.role).toBe('vendor');
    expect(t[1]!.by?.name).toBe('China');
  });

  it('gives each accuser’s own evidence its step, and a victim company the role other', () => {
    const hospital: Party = { name: 'Contoso Health', kind: 'company', country: 'US' };
    const more = member({
      accused: china,
      accuser: hospital,
      publishedAt: '2026-05-12T00:00:00.000Z',
      evidence: 'provided',
    });
    const t = timelineOf([first, vendor, more]);
    expect(t.filter((e) => e.kind === 'evidence').map((e) => e.by?.name)).toEqual([
      'Mandiant',
      'Contoso Health',
    ]);
    expect(t.find((e) => e.kind === 'new-accuser' && e.by?.name === 'Contoso Health')?.role).toBe(
      'other',
    );
  });

  it('orders one article’s claims as the article makes them', () => {
    const a = member({ accused: china, accuser: usa, ordinal: 1, claimId: 'c_a' });
    const b = member({ accused: china, accuser: mandiant, ordinal: 0, claimId: 'c_b' });
    b.articleId = a.articleId;
    expect(timelineOf([a, b])[0]!.by?.name).toBe('Mandiant');
  });

  it('is the same whatever order the members come in', () => {
    const times = { createdAt: 'x', updatedAt: 'y' };
    expect(summarize('inc_1', [first, denial, vendor, again], times)).toEqual(
      summarize('inc_1', [again, vendor, first, denial], times),
    );
  });

  it('shows the most specific accused, the strongest evidence and the highest confidence', () => {
    const s = summarize('inc_1', [first, denial, vendor, again], {
      createdAt: 'x',
      updatedAt: 'y',
    });
    expect(s.accused.name).toBe('Silk Typhoon');
    expect(s.accused.alsoNamed?.map((p) => p.name)).toEqual(['China']);
    expect(s.evidence).toBe('provided');
    expect(s.confidence).toBe(0.9);
    expect(s.articleCount).toBe(4);
    expect(s.months).toEqual(['2026-05']);
    expect(s.accusedKeys).toEqual(expect.arrayContaining(['CN', 'silk-typhoon']));
    expect(s.name).toBe('Silk Typhoon: espionage against Treasury');
  });
});
