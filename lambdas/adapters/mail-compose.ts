/**
 * The one translation from the core's MailMessage to nodemailer's message options, shared by the
 * SMTP and outbox mailers: the subject and every extra header value are stripped of CR/LF, so no
 * article-derived text can ever start a new header line.
 */
import type { SendMailOptions } from 'nodemailer';
import { headerSafe } from '../core/digest/render';
import type { MailMessage } from '../core/ports';

export function composeMail(message: MailMessage): SendMailOptions {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {}))
    headers[headerSafe(k)] = headerSafe(v);
  return {
    to: message.to,
    from: message.from,
    subject: headerSafe(message.subject),
    text: message.text,
    html: message.html,
    headers,
    date: new Date(),
  };
}
