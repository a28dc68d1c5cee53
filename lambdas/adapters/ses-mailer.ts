/**
 * The SES v2 mailer: one SendEmail per message, simple content (SES builds the MIME), the
 * message's extra headers passed through, and an optional configuration set for event
 * publishing and suppression. Resolves to the SES message id.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { headerSafe } from '../core/digest/render';
import type { Mailer, MailMessage } from '../core/ports';

export interface SesMailerOptions {
  client: SESv2Client;
  /** SES configuration set for the sends. */
  configurationSetName?: string;
}

export class SesMailer implements Mailer {
  constructor(private readonly opts: SesMailerOptions) {}

  async send(message: MailMessage): Promise<string> {
    const headers = Object.entries(message.headers ?? {}).map(([Name, Value]) => ({
      Name,
      Value: headerSafe(Value),
    }));
    const r = await this.opts.client.send(
      new SendEmailCommand({
        FromEmailAddress: message.from,
        Destination: { ToAddresses: [message.to] },
        ConfigurationSetName: this.opts.configurationSetName,
        Content: {
          Simple: {
            Subject: { Data: headerSafe(message.subject), Charset: 'UTF-8' },
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              Html: { Data: message.html, Charset: 'UTF-8' },
            },
            ...(headers.length ? { Headers: headers } : {}),
          },
        },
      }),
    );
    if (!r.MessageId) throw new Error('SES accepted the message but returned no message id');
    return r.MessageId;
  }
}
