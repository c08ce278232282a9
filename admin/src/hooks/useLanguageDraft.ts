import { useCallback, useMemo } from 'react';
import type { CampaignDraft } from '../api/campaigns';
import type { CampaignVersion } from '../../../server/src/contracts';

/** The fields each language of a campaign has its own of; the rest is shared. */
const PER_LANGUAGE = ['subject', 'preheader', 'mjml', 'entries'] as const;
type PerLanguage = (typeof PER_LANGUAGE)[number];

const isPerLanguage = (field: keyof CampaignDraft): field is PerLanguage =>
  (PER_LANGUAGE as readonly string[]).includes(field);

/**
 * The draft as the editor shows it in one language: `locale` null is the default content, a
 * locale is that version's subject, preheader, MJML and entries over the shared fields. Edits of
 * those four fields go to the version; every other field is shared.
 */
export function useLanguageDraft(
  draft: CampaignDraft,
  setDraft: (update: (current: CampaignDraft) => CampaignDraft) => void,
  locale: string | null,
) {
  const version = locale ? draft.versions?.find((v) => v.locale === locale) : undefined;

  const view = useMemo<CampaignDraft>(
    () =>
      version
        ? {
            ...draft,
            subject: version.subject ?? '',
            preheader: version.preheader ?? '',
            mjml: version.mjml ?? '',
            // Without entries of its own a version sends the default's (versions.ts): show those.
            entries: version.entries ?? draft.entries,
          }
        : draft,
    [draft, version],
  );

  const change = useCallback(
    <K extends keyof CampaignDraft>(field: K, value: CampaignDraft[K]) =>
      setDraft((current) => {
        if (!locale || !isPerLanguage(field)) return { ...current, [field]: value };
        const versions = (current.versions ?? []).map(
          (v): CampaignVersion => (v.locale === locale ? { ...v, [field]: value } : v),
        );
        return { ...current, versions };
      }),
    [locale, setDraft],
  );

  return { view, change };
}
