/**
 * CLI commands for incidents: `incidents list|show|sync`, and the short list of the incidents a
 * run produced that `run` and `demo` end with. They call the same core as the other callers
 * (core `findIncidents`, the store's incident reads, the incident job `syncIncidents`).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { incidentToStix } from '../lambdas/core/export/incident-stix';
import { findIncidents, MAX_INCIDENT_LIMIT } from '../lambdas/core/incident-query';
import { syncIncidents, type SyncSummary } from '../lambdas/core/incidents/sync';
import type { Party } from '../lambdas/core/model';
import { QueryError } from '../lambdas/core/query';
import type { IncidentMember, IncidentRecord, IncidentSummary } from '../lambdas/core/records';
import { table } from './format';
import { localDeps, type StoreFlags } from './local-env';
import type { CliHelpers } from './subscription-commands';

function limitOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_INCIDENT_LIMIT)
    throw new InvalidArgumentError(
      `--limit must be a whole number from 1 to ${MAX_INCIDENT_LIMIT}`,
    );
  return n;
}

/** "Silk Typhoon (CN)", "China", "—". */
export function partyLabel(p: Party | null | undefined): string {
  if (!p) return '—';
  return p.country && p.kind !== 'state' ? `${p.name} (${p.country})` : p.name;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function denied(s: IncidentSummary): string {
  const by = s.responders.filter((r) => r.kind === 'denial').map((r) => r.by.name);
  return by.length ? `yes (${[...new Set(by)].join(', ')})` : 'no';
}

function oneLine(s: string, max = 100): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function incidentRows(list: IncidentSummary[]): string {
  return table(
    list.map((s) => [
      s.id,
      day(s.lastSeen),
      s.name,
      partyLabel(s.accused),
      s.claimCount,
      s.articleCount,
      denied(s),
    ]),
    ['id', 'last seen', 'name', 'accused', 'claims', 'articles', 'denied?'],
  );
}

/** The incidents a run opened or changed: "new" when first written since `since`. */
export function printRunIncidents(incidents: IncidentSummary[], since: string, max = 20): void {
  if (!incidents.length) {
    console.log('\nIncidents: none from this run.');
    return;
  }
  const fresh = incidents.filter((i) => i.createdAt >= since).length;
  console.log(
    `\nIncidents from this run (${fresh} new, ${incidents.length - fresh} updated; \`incidents show ID\` for a timeline):`,
  );
  console.log(
    table(
      incidents
        .slice(0, max)
        .map((s) => [
          s.createdAt >= since ? 'new' : 'updated',
          s.id,
          s.name,
          s.claimCount,
          s.articleCount,
          denied(s),
        ]),
      ['', 'id', 'name', 'claims', 'articles', 'denied?'],
    ),
  );
  if (incidents.length > max) console.log(`… and ${incidents.length - max} more (incidents list)`);
}

function describe(inc: IncidentRecord, members: IncidentMember[]): string {
  const also = inc.accused.alsoNamed?.map((p) => p.name) ?? [];
  const responders = inc.responders.map((r) => `${r.kind} by ${r.by.name}`);
  const facts: [string, string][] = [
    [
      'accused',
      `${partyLabel(inc.accused)}${also.length ? `; also named: ${also.join(', ')}` : ''}`,
    ],
    ['targets', inc.targets.map(partyLabel).join(', ') || '—'],
    ['accusers', inc.accusers.map(partyLabel).join(', ') || '—'],
    ['actions', inc.actions.join(', ')],
    ['evidence', `${inc.evidence} (strongest so far) · confidence ${inc.confidence.toFixed(2)}`],
    [
      'seen',
      `${day(inc.firstSeen)} – ${day(inc.lastSeen)} · ${inc.claimCount} claims in ${inc.articleCount} articles`,
    ],
    ['answers', responders.join(', ') || '—'],
    ['named things', inc.entities.slice(0, 10).join(', ') || '—'],
  ];
  const timeline = table(
    inc.timeline.map((e) => [
      day(e.at),
      e.kind,
      partyLabel(e.by),
      e.role ?? '',
      e.outlet ?? '—',
      oneLine(e.text, 80),
      e.articleUrl,
    ]),
    ['date', 'step', 'who', 'role', 'outlet', 'text', 'article'],
    [6],
  );
  const claims = table(
    [...members]
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))
      .map((m) => [
        day(m.publishedAt),
        partyLabel(m.accuser),
        partyLabel(m.accused),
        m.target?.name ?? '—',
        m.action,
        m.evidence,
        m.responses.map((r) => r.kind).join(', ') || '—',
        m.outlet ?? '—',
        m.articleUrl,
      ]),
    [
      'published',
      'accuser',
      'accused',
      'target',
      'action',
      'evidence',
      'responses',
      'outlet',
      'article',
    ],
    [8],
  );
  return [
    `${inc.id}  ${inc.name}`,
    '',
    ...facts.map(([k, v]) => `${`${k}:`.padEnd(14)}${v}`),
    '',
    `Timeline (${inc.timeline.length}):`,
    timeline,
    '',
    `Claims (${members.length}):`,
    claims,
  ].join('\n');
}

function syncLine(s: SyncSummary): string {
  return `incidents: ${s.opened} opened, ${s.placed - s.opened} claims joined known ones, ${s.removed} taken out; ${s.written} written, ${s.deleted} deleted (${s.articles} articles, ${s.claims} claims read)`;
}

export function addIncidentCommands(program: Command, h: CliHelpers): void {
  const incidents = program
    .command('incidents')
    .description(
      'Incidents: the claims about one operation, every outlet, one timeline (list, show, sync).',
    );

  h.storeOptions(
    incidents
      .command('list')
      .description(
        'List incidents, last seen newest first. Example: incidents list --accused China --month 2026-11',
      )
      .option(
        '--accused <party>',
        'accused actor (any alias, e.g. "Fancy Bear"), country name or code',
      )
      .option(
        '--target <party>',
        'target as the claims name it (e.g. "Treasury Department") or a country',
      )
      .option('--month <YYYY-MM>', 'incidents with a claim published that month')
      .option('--since <date>', 'last seen on or after this date')
      .option('--limit <n>', 'at most this many incidents', limitOption, 50)
      .option('--json', 'print JSON (an array of incident summaries)'),
  ).action(
    async (
      flags: StoreFlags & {
        accused?: string;
        target?: string;
        month?: string;
        since?: string;
        limit: number;
        json?: boolean;
      },
    ) => {
      await h.withStore(flags, async (local) => {
        let list: IncidentSummary[];
        try {
          list = await findIncidents(local.store, flags);
        } catch (e) {
          if (e instanceof QueryError) throw h.usageError(`--${e.message}`);
          throw e;
        }
        if (flags.json) return void console.log(JSON.stringify(list, null, 2));
        console.log(
          list.length
            ? incidentRows(list)
            : 'No incidents match. (`incidents sync` places claims stored since the last run.)',
        );
      });
    },
  );

  h.storeOptions(
    incidents
      .command('show')
      .description(
        'Show one incident: who is accused, by whom, the strongest evidence, its timeline (first report, new accusers, evidence, denials, counter-accusations) and its claims.',
      )
      .argument('<id>', 'incident id (inc_…, see incidents list)')
      .option('--json', 'print JSON: the incident with its timeline and its claims')
      .option(
        '--stix',
        'print a STIX 2.1 bundle: a campaign attributed-to the accused, opinions for denials (as GET /incidents/{id}?format=stix)',
      ),
  ).action(async (id: string, flags: StoreFlags & { json?: boolean; stix?: boolean }) => {
    await h.withStore(flags, async (local) => {
      const inc = await local.store.getIncident(id.trim());
      if (!inc) throw h.usageError(`no incident with id ${id} (see incidents list)`);
      const members = await local.store.listIncidentMembers(inc.id);
      if (flags.stix)
        return void console.log(JSON.stringify(incidentToStix(inc, members), null, 2));
      if (flags.json) return void console.log(JSON.stringify({ ...inc, claims: members }, null, 2));
      console.log(describe(inc, members));
    });
  });

  h.storeOptions(
    incidents
      .command('sync')
      .description(
        'Run the incident job now: place the claims stored since its last run into incidents (run, reprocess and digests run it too).',
      )
      .option('--json', 'print the counts as JSON')
      .option('-v, --verbose', 'log what the job does'),
  ).action(async (flags: StoreFlags & { json?: boolean; verbose?: boolean }) => {
    await h.withStore(flags, async (local) => {
      const deps = localDeps(local, { verbose: flags.verbose });
      try {
        const s = await syncIncidents(deps);
        if (flags.json) console.log(JSON.stringify(s, null, 2));
        else if (s.skipped)
          console.log('incidents: another run holds the incident job lease; nothing done');
        else console.log(syncLine(s));
        if (s.skipped) process.exitCode = 1;
      } finally {
        deps.http.close();
      }
    });
  });
}
