/**
 * The feed registry: feeds live in the store with their polling state, seeded from a
 * `feeds.json` config. The config is validated with zod so a typo fails loudly.
 */
import { z } from 'zod';
import { slug } from '../claim-keys';
import type { Clock, Store } from '../ports';
import type { FeedRecord } from '../records';
import { canonicalizeUrl } from '../url';

export const FeedConfigSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'ids are lower-case letters, digits and dashes')
    .optional(),
  name: z.string().min(1).max(200),
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'feed URLs must be http(s)'),
  enabled: z.boolean().default(true),
  /** Item-level relevance check before fetching pages; off for security trade press. */
  prefilter: z.boolean().default(true),
  note: z.string().optional(),
});
export type FeedConfig = z.infer<typeof FeedConfigSchema>;

export const FeedsFileSchema = z.object({ feeds: z.array(FeedConfigSchema).min(1) });

/** Parses a feeds.json document; throws an Error naming the bad entry. */
export function parseFeedsConfig(json: string, source = 'feeds.json'): FeedConfig[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const r = FeedsFileSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data.feeds;
}

/** A readable, stable id for a feed URL: host and path as a slug. */
export function feedIdFor(url: string): string {
  const u = new URL(url);
  return slug(`${u.hostname.replace(/^www\./, '')}${u.pathname}`).slice(0, 63) || 'feed';
}

export function newFeedRecord(
  cfg: { id?: string; name?: string; url: string; enabled?: boolean; prefilter?: boolean },
  clock: Clock,
): FeedRecord {
  const url = canonicalizeUrl(cfg.url);
  return {
    id: cfg.id ?? feedIdFor(url),
    name: cfg.name ?? new URL(url).hostname,
    url,
    enabled: cfg.enabled ?? true,
    prefilter: cfg.prefilter ?? true,
    consecutiveErrors: 0,
    createdAt: clock.now().toISOString(),
  };
}

/** Adds the configured feeds that the store does not have yet. Returns how many were added. */
export async function seedFeeds(
  store: Store,
  configs: FeedConfig[],
  clock: Clock,
): Promise<number> {
  let added = 0;
  for (const cfg of configs) {
    if ((await store.createFeed(newFeedRecord(cfg, clock))) === 'created') added++;
  }
  return added;
}

/** Seeds the defaults once per store: a user who removes feeds does not get them back. */
export async function seedDefaultFeedsOnce(
  store: Store,
  configs: FeedConfig[],
  clock: Clock,
): Promise<number> {
  if (await store.getWatermark('feeds-seeded')) return 0;
  const n = await seedFeeds(store, configs, clock);
  await store.setWatermark('feeds-seeded', clock.now().toISOString());
  return n;
}
