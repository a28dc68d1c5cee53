/**
 * Exactly once per digest period: a run record is written conditionally before the mailer is
 * called and completed after. A record found already means the period was (or is being) sent:
 * nothing is sent again. A mailer refusal frees the period so the retry sends it.
 */
import type { Clock, Mailer, MailMessage, Store } from '../ports';
import type { DigestRun } from '../records';

export type SendOnceResult =
  { status: 'sent'; messageId: string } | { status: 'already-sent'; run: DigestRun };

export async function sendOnce(
  deps: { store: Store; mailer: Mailer; clock: Clock },
  run: { key: string; claimIds: string[]; createdAt: string },
  message: MailMessage,
): Promise<SendOnceResult> {
  const begun = await deps.store.beginDigestRun({ ...run, status: 'sending' });
  if (!begun.created) return { status: 'already-sent', run: begun.run };
  let messageId: string;
  try {
    messageId = await deps.mailer.send(message);
  } catch (e) {
    // Refused, so not sent: free the period for the retry.
    await deps.store.abandonDigestRun(run.key);
    throw e;
  }
  await deps.store.completeDigestRun(run.key, deps.clock.now().toISOString(), messageId);
  return { status: 'sent', messageId };
}
