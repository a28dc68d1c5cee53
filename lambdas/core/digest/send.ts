/**
 * Sending the digest of claims stored since the last one to one fixed address (the CLI `digest`
 * command, the demo, the operator recipients of the digest Lambda). Subscriber digests are in
 * ./subscribers.ts and share the exactly-once rule: a run record is written conditionally
 * (`sending`) before the mailer is called and completed (`sent`) after. A mailer error deletes
 * the record, so a retry sends; a record found still `sending` may have been delivered (a crash
 * between send and completion), so it is never sent again: at most once, never twice.
 */
import { IncidentLookup } from '../incident-query';
import type { SyncOptions } from '../incidents/sync';
import type { Logger } from '../logger';
import type { Clock, Mailer, Store } from '../ports';
import type { StoredClaim } from '../records';
import { digestIncidents, syncBeforeDigest } from './incidents';
import { sendOnce } from './once';
import { renderDigest, type RenderedDigest } from './render';

export interface DigestDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  /** Where the incident job before the digest logs (a failure of it is an error here). */
  logger?: Logger;
}

export interface DigestOptions {
  to: string;
  from: string;
  /** Watermark and run-record namespace. @default 'local' */
  channel?: string;
  /** Render, do not send or move the watermark. */
  dryRun?: boolean;
  /** Send even when there are no new claims. */
  sendEmpty?: boolean;
  /** When there is no watermark yet, look back this many days. @default 7 */
  firstLookbackDays?: number;
  /** Claims written out in full (the summary counts all). @default 50 */
  maxClaims?: number;
  /**
   * The incident job runs first, so the digest sees the incidents of its claims; its options
   * (a Lambda's time budget), or false to skip it. A dry run never runs it (it writes nothing).
   */
  incidentSync?: SyncOptions | false;
}

export interface DigestOutcome {
  status: 'sent' | 'empty' | 'already-sent' | 'dry-run';
  claims: number;
  since: string;
  until: string;
  messageId?: string;
  /** New incidents and updated ones listed. */
  incidents: { new: number; updated: number };
  digest: RenderedDigest;
}

const DAY = 86_400_000;

/** Claims stored in [since, until), read day partition by day partition (no Scan). */
export async function claimsStoredBetween(
  store: Store,
  since: string,
  until: string,
): Promise<StoredClaim[]> {
  const out: StoredClaim[] = [];
  const start = Date.parse(since.slice(0, 10));
  for (let t = start; t <= Date.parse(until); t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(
      ...(await store.queryClaims({
        index: { by: 'day', value: day },
        since,
        until,
        order: 'oldest',
      })),
    );
  }
  return out;
}

export async function sendDigest(deps: DigestDeps, opts: DigestOptions): Promise<DigestOutcome> {
  const channel = opts.channel ?? 'local';
  if (!opts.dryRun) await syncBeforeDigest(deps, opts.incidentSync);
  const until = deps.clock.now().toISOString();
  // The first digest of a channel looks back from the start of today (UTC), not from this
  // instant: a duplicate or retried run of the same day then starts from the same `since`, so it
  // finds the same run record instead of sending a second digest.
  const since =
    (await deps.store.getWatermark(`digest#${channel}`)) ??
    new Date(
      Math.floor(Date.parse(until) / DAY) * DAY - (opts.firstLookbackDays ?? 7) * DAY,
    ).toISOString();
  const claims = await claimsStoredBetween(deps.store, since, until);
  const lookup = new IncidentLookup(deps.store);
  await lookup.load(claims);
  const found = digestIncidents(lookup, claims, since);
  const incidents = { new: found.fresh.length, updated: found.updates.length };
  const digest = renderDigest(claims, {
    since,
    until,
    maxClaims: opts.maxClaims,
    incidents: found,
  });
  if (opts.dryRun)
    return { status: 'dry-run', claims: claims.length, since, until, incidents, digest };
  if (claims.length === 0 && !opts.sendEmpty) {
    return { status: 'empty', claims: 0, since, until, incidents, digest };
  }
  // The run key is the watermark it starts from: a retry of the same period finds the record.
  const key = `${channel}#${since}`;
  const sent = await sendOnce(
    deps,
    { key, claimIds: claims.map((c) => c.id), createdAt: until },
    {
      to: opts.to,
      from: opts.from,
      subject: digest.subject,
      text: digest.text,
      html: digest.html,
      headers: { 'X-Attribution-Watch-Digest': key.replace(/[^\w#:.-]/g, '') },
    },
  );
  if (sent.status === 'already-sent') {
    const run = sent.run;
    await deps.store.setWatermark(`digest#${channel}`, run.createdAt);
    return {
      status: 'already-sent',
      claims: run.claimIds.length,
      since,
      until: run.createdAt,
      messageId: run.messageId,
      incidents,
      digest,
    };
  }
  const messageId = sent.messageId;
  await deps.store.setWatermark(`digest#${channel}`, until);
  return { status: 'sent', claims: claims.length, since, until, messageId, incidents, digest };
}
