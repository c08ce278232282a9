/** Shapes of the plugin's admin API answers, as the server sends them. */
export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent' | 'cancelled';
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'retry' | 'failed' | 'bounced' | 'unknown' | 'skipped';
export type SubscriberStatus = 'pending' | 'subscribed' | 'unsubscribed' | 'bounced' | 'complained';

export type Counts = Record<DeliveryStatus | 'total', number>;

export interface ListRef {
  id: number;
  name: string;
  slug?: string;
}

export interface CampaignSummary {
  id: number;
  name: string;
  subject: string | null;
  provider: string | null;
  status: CampaignStatus;
  scheduledAt: string | null;
  timezone: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  pauseReason: string | null;
  updatedAt: string;
  lists: ListRef[];
  counts?: Counts;
}

export type Entry = Record<string, unknown> & { uid?: string; documentId?: string };

export interface Campaign extends CampaignSummary {
  preheader: string | null;
  fromName: string | null;
  fromEmail: string | null;
  replyTo: string | null;
  mjml: string | null;
  entries: Entry[] | null;
}

export interface CompileError {
  line: number;
  message: string;
  tagName?: string;
  field?: 'subject';
}

export interface Preview {
  html: string;
  errors: CompileError[];
  message: { subject: string; html: string; text: string } | null;
}

export interface Report {
  campaignId: number;
  status: CampaignStatus;
  counts: Counts;
  progress: { done: number; total: number };
  eta: string | null;
  errors: Array<{
    code: string | null;
    count: number;
    examples: Array<{ email: string; status: string; error: string | null }>;
  }>;
  timeline: Array<{ hour: string; sent: number }>;
}

export interface Delivery {
  id: number;
  email: string;
  status: DeliveryStatus;
  attempts: number;
  sentAt: string | null;
  lastCode: string | null;
  lastError: string | null;
}

export interface Limits {
  perSecond: number | null;
  perMinute: number | null;
  perHour: number | null;
  perDay: number | null;
}

export interface ProviderView {
  name: string;
  preset: string;
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  hasPassword: boolean;
  from: string | null;
  replyTo: string | null;
  maxConnections: number;
  limits: Limits;
  dkim: { domainName: string; keySelector: string; hasPrivateKey: boolean } | null;
  source: 'config' | 'settings';
  isDefault: boolean;
}

export interface ProviderUsage extends ProviderView {
  usage: { perMinute: number; perHour: number; perDay: number };
  pausedUntil: string | null;
  pauseReason: string | null;
  lastError: string | null;
}

export interface Overview {
  counts: { subscribers: number; lists: number; campaigns: number };
  providers: ProviderUsage[];
  recentCampaigns: Array<
    Pick<CampaignSummary, 'id' | 'name' | 'status' | 'scheduledAt' | 'timezone'> & {
      progress: { done: number; total: number };
    }
  >;
  nextScheduled: { id: number; name: string; scheduledAt: string; timezone: string | null } | null;
}

export interface Audience {
  lists: Array<ListRef & { subscribers: number }>;
  selected: number;
  eta: string | null;
}

export interface MailingList {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  doubleOptIn: boolean;
  public: boolean;
  subscribers?: number;
}

export interface Subscriber {
  id: number;
  email: string;
  name: string | null;
  status: SubscriberStatus;
  source: string | null;
  locale: string | null;
  lists: ListRef[];
  createdAt: string;
}

export interface SubscribeForm {
  id: number;
  name: string;
  slug: string;
  lists: ListRef[];
  doubleOptIn: boolean;
  successUrl: string | null;
  consentText: string | null;
  fields: { name: 'hidden' | 'optional' | 'required' };
  provider: string | null;
}

export interface Preset {
  name: string;
  label: string;
  host?: string;
  port?: number;
  secure?: boolean;
  limits: Partial<Limits>;
}

export interface Settings {
  providers: ProviderView[];
  presets: Preset[];
  general: { publicUrl: string | null; cron: string | false; batchSize: number; defaultProvider: string };
}
