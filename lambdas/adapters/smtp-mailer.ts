/**
 * The SMTP mailer (nodemailer): for a local mail server, a relay, or a test server. Messages are
 * multipart/alternative (text and HTML) with the message's extra headers (List-Unsubscribe …);
 * nodemailer adds Message-ID and Date. A sending-rate limit from configuration spaces messages
 * out so a relay's per-second quota is never exceeded.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '../core/ports';
import { composeMail } from './mail-compose';

export interface SmtpMailerOptions {
  /** e.g. "smtp://user:pass@127.0.0.1:2525" or "smtps://…:465". */
  url: string;
  /** At most this many messages per second. @default unlimited */
  maxPerSecond?: number;
  /** Accept self-signed certificates (local relays). @default false */
  allowSelfSigned?: boolean;
  /** @default 30 s */
  timeoutMs?: number;
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  private readonly gapMs: number;
  private nextSlot = 0;

  constructor(private readonly opts: SmtpMailerOptions) {
    const url = new URL(opts.url);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
      throw new Error(`not an SMTP URL: ${url.protocol}//${url.host}`);
    if (opts.maxPerSecond !== undefined && !(opts.maxPerSecond > 0))
      throw new Error('maxPerSecond must be positive');
    const timeout = opts.timeoutMs ?? 30_000;
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      tls: { rejectUnauthorized: !opts.allowSelfSigned },
    });
    this.gapMs = opts.maxPerSecond ? 1000 / opts.maxPerSecond : 0;
  }

  /** Waits for the next free sending slot (callers may send concurrently). */
  private async slot(): Promise<void> {
    if (!this.gapMs) return;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + this.gapMs;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  async send(message: MailMessage): Promise<string> {
    await this.slot();
    const info = await this.transport.sendMail(composeMail(message));
    return String(info.messageId).replace(/[<>]/g, '');
  }

  close(): void {
    this.transport.close();
  }
}
