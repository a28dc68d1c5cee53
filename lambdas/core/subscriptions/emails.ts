/** The two transactional emails of a subscription: confirm it, and "you are already subscribed". */
import { escapeHtml } from '../digest/render';
import type { MailMessage } from '../ports';
import { describeFilters } from './model';
import type { Subscriber } from '../records';

function page(
  title: string,
  paragraphs: string[],
  button?: { url: string; label: string },
): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="color-scheme" content="light dark"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:0"><div style="max-width:560px;margin:0 auto;padding:16px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5">` +
    `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(title)}</h1>` +
    paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('') +
    (button
      ? `<p style="margin:20px 0"><a href="${escapeHtml(button.url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#2563eb;color:#fff;text-decoration:none;font-weight:600">${escapeHtml(button.label)}</a></p>` +
        `<p style="margin:0 0 12px;font-size:13px;opacity:.8;word-break:break-all">${escapeHtml(button.url)}</p>`
      : '') +
    `</div></body></html>`
  );
}

function when(s: Subscriber): string {
  const at = `${String(s.hour).padStart(2, '0')}:00 ${s.timeZone}`;
  const days = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  return s.cadence === 'daily' ? `daily at ${at}` : `weekly on ${days[s.weekday]} at ${at}`;
}

export function confirmationEmail(s: Subscriber, from: string, confirmUrl: string): MailMessage {
  const title = 'Confirm your Attribution Watch subscription';
  const lines = [
    `Someone (hopefully you) asked to receive Attribution Watch digests of cyber attribution claims at this address, ${when(s)}, covering ${describeFilters(s.filters)}.`,
    'Confirm within two days with the link below.',
    'If you did not ask for this, ignore this email: nothing more will be sent to you.',
  ];
  return {
    to: s.email,
    from,
    subject: title,
    text: `${title}\n\n${lines[0]}\n\n${lines[1]}\n${confirmUrl}\n\n${lines[2]}\n`,
    html: page(title, lines, { url: confirmUrl, label: 'Confirm subscription' }),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

export function alreadySubscribedEmail(
  s: Subscriber,
  from: string,
  preferencesUrl: string,
): MailMessage {
  const title = 'You are already subscribed to Attribution Watch';
  const lines = [
    `Someone asked to subscribe this address again. It already receives digests ${when(s)}, covering ${describeFilters(s.filters)}. Nothing was changed.`,
    'To change what you get, or to unsubscribe, use the link below.',
  ];
  return {
    to: s.email,
    from,
    subject: title,
    text: `${title}\n\n${lines[0]}\n\n${lines[1]}\n${preferencesUrl}\n`,
    html: page(title, lines, { url: preferencesUrl, label: 'Manage preferences' }),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
