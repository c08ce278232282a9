import { useEffect, useRef, useState } from 'react';
import { useCampaignActions, type CampaignDraft } from '../api/campaigns';
import type { Preview } from '../../../server/src/contracts';

const DEBOUNCE_MS = 400;

/**
 * The server's preview of the draft, refreshed as one types: compiled by the same code that
 * sends, so what shows is what goes out. Answers to older drafts are dropped. `asSaved` (an admin
 * who may not edit campaigns) previews the saved campaign: sending template source needs
 * `campaigns.write`.
 */
export function useLivePreview(id: number | null, draft: CampaignDraft, asSaved = false, locale: string | null = null) {
  const { preview } = useCampaignActions();
  const [result, setResult] = useState<Preview>();
  const [isRefreshing, setRefreshing] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const generation = useRef(0);
  const { name, subject, preheader, mjml, entries } = draft;
  // `locale`: the language shown; the content is that version's (useLanguageDraft).
  const content = JSON.stringify({ name: name || 'Untitled', subject, preheader, mjml, entries, locale });

  useEffect(() => {
    const mine = ++generation.current;
    setRefreshing(true);
    const timer = setTimeout(async () => {
      try {
        const next = await preview(id, asSaved && id ? { locale } : JSON.parse(content));
        if (mine !== generation.current) return;
        setResult(next);
        setFailure(undefined);
      } catch (error) {
        if (mine === generation.current) setFailure(error);
      } finally {
        if (mine === generation.current) setRefreshing(false);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [id, content, preview, asSaved, locale]);

  return { preview: result, isRefreshing, failure };
}
