/**
 * The headers every campaign mail carries: list headers for one-click unsubscribe, a Message-ID per
 * delivery, and the header fields DKIM signs. See docs/architecture.md, "Composing".
 */
export interface CampaignHeaderOptions {
  campaignId: number | string;
  deliveryId: number | string;
  /** A test send of the campaign rather than its mail to a subscriber. */
  test?: boolean;
  /** Kept in the database (services/installation.ts): tells apart sites that share a mail domain. */
  installationId: string;
  /** A list id such as `weekly.lists.example.com`, or a whole `Name <list.example.com>` value. */
  listId: string;
  /** https in production (RFC 8058); http is accepted for local development. */
  unsubscribeUrl: string;
  /** A `mailto:` URI offered after the URL. */
  unsubscribeMailto?: string;
  messageIdDomain: string;
}

export interface CampaignHeaders {
  messageId: string;
  headers: Record<string, string | { prepared: true; value: string }>;
}

// RFC 5322 caps a header line at 998 characters.
const MAX_HEADER_LINE = 998;

/** Message fields for nodemailer that every campaign mail carries (RFC 2369, 2919, 8058). */
export function buildCampaignHeaders(opts: CampaignHeaderOptions): CampaignHeaders {
  const unsubscribe = [
    headerSafeUri(opts.unsubscribeUrl, /^https?:\/\//),
    ...(opts.unsubscribeMailto ? [headerSafeUri(opts.unsubscribeMailto, /^mailto:/)] : []),
  ]
    .map((uri) => `<${uri}>`)
    .join(', ');
  if (`List-Unsubscribe: ${unsubscribe}`.length > MAX_HEADER_LINE) {
    throw new RangeError('List-Unsubscribe would exceed the 998-character header line limit');
  }
  const listId = opts.listId.includes('<') ? opts.listId : `<${opts.listId}>`;

  return {
    messageId: deliveryMessageId({
      deliveryId: opts.deliveryId,
      kind: opts.test ? 'test' : `c${idPart(opts.campaignId)}`,
      installationId: opts.installationId,
      domain: opts.messageIdDomain,
    }),
    headers: {
      // nodemailer folds plain header values (even a lone long URL moves to a continuation
      // line), and folded List-Unsubscribe headers fail DKIM at some receivers. A prepared value
      // is written as is, on one line: safe only because headerSafeUri admits no CR, LF or space.
      'List-Unsubscribe': { prepared: true, value: unsubscribe },
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': listId,
      Precedence: 'bulk',
    },
  };
}

/**
 * `<d{delivery}.{kind}.{installation}@{domain}>`. Stable per delivery row, so a re-send of the
 * same row keeps its Message-ID (docs/architecture.md, "At most once"); the installation id keeps
 * two databases that count deliveries from 1 under one mail domain from sending the same one.
 */
export function deliveryMessageId(parts: {
  deliveryId: number | string;
  /** `c{campaign}`, `test` or `confirmation`. */
  kind: string;
  installationId: string;
  domain: string;
}): string {
  if (!/^[A-Za-z0-9.-]+$/.test(parts.domain)) throw new TypeError(`invalid Message-ID domain: ${parts.domain}`);
  return `<d${idPart(parts.deliveryId)}.${idPart(parts.kind)}.${idPart(parts.installationId)}@${parts.domain}>`;
}

/** Headers of confirmation mails, so auto-responders stay quiet (RFC 3834). */
export function confirmationHeaders(): Record<string, string> {
  return { 'Auto-Submitted': 'auto-generated' };
}

// RFC 8058 section 4: one-click unsubscribe only counts when DKIM signs both List-* headers.
const DKIM_HEADER_FIELDS = [
  'From',
  'Sender',
  'Reply-To',
  'To',
  'Cc',
  'Subject',
  'Date',
  'Message-ID',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'List-Id',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
  'Precedence',
  'Auto-Submitted',
].join(':');

export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** nodemailer's `dkim` option for a configured key. */
export function dkimOptions({ domainName, keySelector, privateKey }: DkimKey) {
  return { domainName, keySelector, privateKey, headerFieldNames: DKIM_HEADER_FIELDS };
}

// Printable ASCII only, and none of the characters that delimit the header's list.
function headerSafeUri(uri: string, scheme: RegExp): string {
  if (!scheme.test(uri) || !/^[\x21-\x7e]+$/.test(uri) || /[<>,]/.test(uri)) {
    throw new TypeError(`not usable in List-Unsubscribe: ${JSON.stringify(uri)}`);
  }
  return uri;
}

function idPart(id: number | string): string {
  const text = String(id);
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new TypeError(`invalid id for a Message-ID: ${text}`);
  return text;
}
