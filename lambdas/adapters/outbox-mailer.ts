/**
 * The local default mailer: writes each message as an RFC 5322 `.eml` file (multipart/alternative,
 * text and HTML) into an outbox folder, composed by nodemailer so headers are encoded properly.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../core/ports';
import { composeMail } from './mail-compose';

export class OutboxMailer implements Mailer {
  private readonly transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });

  constructor(private readonly dir: string) {}

  async send(message: MailMessage): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    const info = await this.transport.sendMail(composeMail(message));
    const id = String(info.messageId).replace(/[<>]/g, '');
    const file = path.join(
      this.dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${id.replace(/[^\w.-]/g, '_')}.eml`,
    );
    await fs.writeFile(file, info.message as Buffer);
    return id;
  }
}
