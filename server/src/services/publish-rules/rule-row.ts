/** A publish rule as stored, and as the admin API answers it (contracts: PublishRule). */
import type { DigestSchedule, PublishRule, PublishRuleCondition } from '../../contracts';
import { toDate } from '../../database/connection';

export interface RuleRow {
  id: number;
  documentId: string;
  name: string;
  contentType: string;
  conditions: PublishRuleCondition[] | null;
  template: string;
  lists: number[] | null;
  provider: string | null;
  mode: PublishRule['mode'];
  eachAction: PublishRule['eachAction'];
  delayMinutes: number | null;
  digest: DigestSchedule | null;
  locales: string[] | null;
  paused: boolean;
  activeSince: Date | string;
  nextDigestAt: Date | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
}

/** What the tick and the hook need, with JSON and dates read the same on every database. */
export interface Rule extends Omit<RuleRow, 'activeSince' | 'nextDigestAt' | 'conditions' | 'lists' | 'locales'> {
  conditions: PublishRuleCondition[];
  lists: number[];
  locales: string[];
  activeSince: Date;
  nextDigestAt: Date | null;
}

export function readRule(row: RuleRow): Rule {
  return {
    ...row,
    conditions: row.conditions ?? [],
    lists: row.lists ?? [],
    locales: row.locales ?? [],
    paused: Boolean(row.paused),
    activeSince: toDate(row.activeSince) ?? new Date(0),
    nextDigestAt: toDate(row.nextDigestAt),
  };
}

export function ruleAnswer(rule: Rule): PublishRule {
  const iso = (value: Date | string) => new Date(value).toISOString();
  return {
    id: rule.id,
    documentId: rule.documentId,
    name: rule.name,
    contentType: rule.contentType,
    conditions: rule.conditions,
    template: rule.template,
    lists: rule.lists,
    provider: rule.provider ?? null,
    mode: rule.mode,
    eachAction: rule.eachAction ?? null,
    delayMinutes: rule.delayMinutes ?? null,
    digest: rule.digest ?? null,
    locales: rule.locales,
    paused: rule.paused,
    activeSince: iso(rule.activeSince),
    nextDigestAt: rule.nextDigestAt ? iso(rule.nextDigestAt) : null,
    createdAt: iso(rule.createdAt),
    updatedAt: iso(rule.updatedAt),
  };
}
