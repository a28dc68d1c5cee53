/**
 * CLI commands for subscriptions and subscriber digests: `subscribers add|list|remove|confirm`
 * and `digest send`. They call the same core as the API routes and the digest Lambda; mail goes
 * to the outbox folder, or through SMTP with `--smtp URL`.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import path from 'node:path';
import { SmtpMailer } from '../lambdas/adapters/smtp-mailer';
import type { LocalStore } from '../lambdas/adapters/local-dynamo';
import { runDigests } from '../lambdas/core/digest/subscribers';
import { ACTIONS } from '../lambdas/core/model';
import { type Mailer, systemClock } from '../lambdas/core/ports';
import { describeFilters, normalizeEmail, subscriberId } from '../lambdas/core/subscriptions/model';
import {
  confirmSubscriber,
  InvalidInputError,
  subscribe,
} from '../lambdas/core/subscriptions/service';
import { table } from './format';
import { outbox, type StoreFlags } from './local-env';
import { DEFAULT_PORT, localTokenSecret } from './server';

export interface CliHelpers {
  storeOptions(cmd: Command): Command;
  withStore<T>(flags: StoreFlags, fn: (local: LocalStore) => Promise<T>): Promise<T>;
  usageError(message: string): Error;
}

type MailFlags = StoreFlags & {
  from: string;
  outbox?: string;
  smtp?: string;
  smtpRate?: number;
  baseUrl: string;
};

function positiveNumber(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!(n > 0)) throw new InvalidArgumentError(`${name} must be a positive number`);
    return n;
  };
}

function mailOptions(cmd: Command): Command {
  return cmd
    .option('--from <email>', 'sender', 'Attribution Watch <digest@localhost>')
    .option('--outbox <dir>', 'outbox folder (default: <data>/outbox)')
    .option('--smtp <url>', 'send through this SMTP server instead, e.g. smtp://user:pass@host:587')
    .option(
      '--smtp-rate <n>',
      'at most this many messages per second over SMTP',
      positiveNumber('--smtp-rate'),
    )
    .option(
      '--base-url <url>',
      'public URL of the API for links in emails (confirm, unsubscribe, preferences)',
      `http://127.0.0.1:${DEFAULT_PORT}`,
    );
}

async function withMailer<T>(flags: MailFlags, fn: (m: Mailer) => Promise<T>): Promise<T> {
  if (!flags.smtp) return fn(outbox(flags.outbox, flags.data));
  const m = new SmtpMailer({ url: flags.smtp, maxPerSecond: flags.smtpRate });
  try {
    return await fn(m);
  } finally {
    m.close();
  }
}

function config(flags: MailFlags) {
  return {
    tokenSecret: localTokenSecret(path.resolve(flags.data ?? '.attribution-watch')),
    from: flags.from,
    baseUrl: flags.baseUrl,
  };
}

export function addSubscriptionCommands(program: Command, h: CliHelpers): void {
  const subs = program
    .command('subscribers')
    .description('Manage digest subscribers: add, list, remove, confirm.');

  h.storeOptions(
    mailOptions(
      subs
        .command('add')
        .description(
          'Subscribe an address: sends the confirmation email (double opt-in), or with --confirmed subscribes it at once.',
        )
        .argument('<email>', 'address')
        .option('--cadence <c>', 'daily or weekly', 'daily')
        .option('--hour <h>', 'local hour of delivery, 0-23', '7')
        .option('--weekday <d>', 'weekly: 1 = Monday … 7 = Sunday', '1')
        .option('--time-zone <tz>', 'IANA time zone, e.g. Europe/Berlin', 'UTC')
        .option(
          '--accused <list>',
          'accused countries or actors, comma separated (e.g. "Russia,APT28")',
        )
        .option('--accuser <list>', 'accusers, comma separated (e.g. "US,Microsoft")')
        .option('--target <list>', 'words in the target: company, sector or country')
        .option('--action <list>', `actions, comma separated: ${ACTIONS.join(', ')}`)
        .option('--min-confidence <x>', 'only claims at least this confident (0 to 1)')
        .option('--denial-only', 'only claims the accused denied or disputed')
        .option('--send-empty', 'send a digest even when nothing new matched')
        .option(
          '--confirmed',
          'skip the confirmation email (the operator vouches for the address)',
        ),
    ),
  ).action(
    async (
      email: string,
      flags: MailFlags & {
        cadence: string;
        hour: string;
        weekday: string;
        timeZone: string;
        accused?: string;
        accuser?: string;
        target?: string;
        action?: string;
        minConfidence?: string;
        denialOnly?: boolean;
        sendEmpty?: boolean;
        confirmed?: boolean;
      },
    ) => {
      const filters: Record<string, unknown> = {};
      if (flags.accused) filters.accused = flags.accused;
      if (flags.accuser) filters.accusers = flags.accuser;
      if (flags.target) filters.targets = flags.target;
      if (flags.action) filters.actions = flags.action;
      if (flags.minConfidence) filters.minConfidence = flags.minConfidence;
      if (flags.denialOnly) filters.denialOnly = true;
      const input = {
        email,
        cadence: flags.cadence,
        hour: flags.hour,
        weekday: flags.weekday,
        timeZone: flags.timeZone,
        sendEmpty: !!flags.sendEmpty,
        filters,
      };
      await h.withStore(flags, (local) =>
        withMailer(flags, async (mailer) => {
          try {
            const r = await subscribe(
              { store: local.store, mailer, clock: systemClock },
              config(flags),
              input,
              { confirmed: flags.confirmed },
            );
            const s = r.subscriber;
            console.log(
              {
                confirmed: `subscribed ${s.email}: ${s.cadence}, next digest ${s.nextDueAt}`,
                'confirmation-sent': `confirmation email sent to ${s.email}`,
                'already-subscribed-notice-sent': `${s.email} is already subscribed; sent them their preferences link`,
                'rate-limited': `no email sent to ${s.email}: 3 confirmation emails today already`,
              }[r.outcome],
            );
          } catch (e) {
            if (e instanceof InvalidInputError) throw h.usageError(e.message);
            throw e;
          }
        }),
      );
    },
  );

  h.storeOptions(
    subs
      .command('list')
      .description('List subscribers with status, schedule and filters.')
      .option('--json', 'print JSON'),
  ).action(async (flags: StoreFlags & { json?: boolean }) => {
    await h.withStore(flags, async (local) => {
      const list = await local.store.listSubscribers();
      if (flags.json) return void console.log(JSON.stringify(list, null, 2));
      if (!list.length)
        return void console.log('No subscribers yet. `subscribers add EMAIL` adds one.');
      console.log(
        table(
          list.map((s) => [
            s.email,
            s.status,
            `${s.cadence} ${String(s.hour).padStart(2, '0')}:00 ${s.timeZone}`,
            s.nextDueAt?.slice(0, 16) ?? '—',
            describeFilters(s.filters),
          ]),
          ['email', 'status', 'schedule', 'next digest (UTC)', 'follows'],
        ),
      );
    });
  });

  h.storeOptions(
    subs
      .command('remove')
      .description('Remove a subscriber and their preferences.')
      .argument('<email>', 'address'),
  ).action(async (email: string, flags: StoreFlags) => {
    const e = normalizeEmail(email);
    if (!e) throw h.usageError(`not a valid email address: ${email}`);
    await h.withStore(flags, async (local) => {
      if (!(await local.store.deleteSubscriber(subscriberId(e))))
        throw h.usageError(`no subscriber ${e}`);
      console.log(`removed ${e}`);
    });
  });

  h.storeOptions(
    subs
      .command('confirm')
      .description('Confirm a pending subscriber by hand (as if they had followed the link).')
      .argument('<email>', 'address'),
  ).action(async (email: string, flags: StoreFlags) => {
    const e = normalizeEmail(email);
    if (!e) throw h.usageError(`not a valid email address: ${email}`);
    await h.withStore(flags, async (local) => {
      const s = await confirmSubscriber({ store: local.store, clock: systemClock }, e);
      if (!s) throw h.usageError(`no subscriber ${e}`);
      console.log(`confirmed ${s.email}: next digest ${s.nextDueAt}`);
    });
  });
}

/**
 * `digest --data X send`: the parent `digest` shares store and mail flags, and commander gives
 * them to it when they come first; flags given on the parent fill the ones `send` left at default.
 */
function withParentFlags<T extends object>(own: T, cmd: Command): T {
  const parent = cmd.parent;
  if (!parent) return own;
  const out = { ...own } as Record<string, unknown>;
  for (const [k, v] of Object.entries(parent.opts())) {
    if (parent.getOptionValueSource(k) === 'cli' && cmd.getOptionValueSource(k) !== 'cli')
      out[k] = v;
  }
  return out as T;
}

/** `digest send`: the due subscribers' digests (what the scheduled Lambda does), or one's. */
export function addDigestSendCommand(digest: Command, h: CliHelpers): void {
  h.storeOptions(
    mailOptions(
      digest
        .command('send')
        .description(
          "Send the due subscribers' digests (each at their hour and time zone, exactly once per period; new incidents and updates to known ones first, after running the incident job); --subscriber sends one address's next digest now.",
        )
        .option(
          '--dry-run',
          'print what would be sent; send nothing, keep the watermarks (the incident job does not run)',
        )
        .option('--subscriber <email>', 'only this subscriber, due or not')
        .option('--json', 'print the results as JSON'),
    ),
  ).action(
    async (
      own: MailFlags & { dryRun?: boolean; subscriber?: string; json?: boolean },
      cmd: Command,
    ) => {
      const flags = withParentFlags(own, cmd);
      if (flags.subscriber && !normalizeEmail(flags.subscriber))
        throw h.usageError(`not a valid email address: ${flags.subscriber}`);
      await h.withStore(flags, (local) =>
        withMailer(flags, async (mailer) => {
          const results = await runDigests(
            { store: local.store, mailer, clock: systemClock },
            config(flags),
            {
              dryRun: flags.dryRun,
              subscriber: flags.subscriber && normalizeEmail(flags.subscriber),
            },
          );
          if (flags.json)
            return void console.log(
              JSON.stringify(
                results.map(({ digest: d, ...r }) => ({ ...r, subject: d?.subject })),
                null,
                2,
              ),
            );
          if (flags.subscriber && !results.length)
            throw h.usageError(`no subscriber ${flags.subscriber}`);
          if (flags.dryRun)
            for (const r of results)
              if (r.digest)
                console.log(`To: ${r.email}\nSubject: ${r.digest.subject}\n\n${r.digest.text}\n`);
          if (!results.length) return void console.log('No subscriber is due.');
          console.log(
            table(
              results.map((r) => [
                r.email,
                r.status,
                r.claims,
                r.period,
                r.error ?? r.messageId ?? '',
              ]),
              ['subscriber', 'status', 'claims', 'period', 'message id / error'],
            ),
          );
          if (results.some((r) => r.status === 'error')) process.exitCode = 1;
        }),
      );
    },
  );
}
