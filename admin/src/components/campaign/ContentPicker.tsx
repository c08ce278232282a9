import { Box, Button, Flex, Searchbar, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useDebounce } from '@strapi/strapi/admin';
import { useState } from 'react';
import { titleField, useCollectionTypes, useEntries, useResolveEntry, type ContentType } from '../../api/content';
import { useNotify } from '../../hooks/useNotify';
import type { CampaignEntry } from '../../../../server/src/contracts';
import { entryFields, type EntryFields } from '../../utils/entryFields';
import { useT } from '../../utils/useT';
import { ModalShell } from '../ModalShell';
import { PageButtons } from '../PageButtons';

interface ContentPickerProps {
  /** Called with the entry as the campaign keeps it, the loop that shows such entries and the fields it prints. */
  onPick: (entry: CampaignEntry, snippet: string, fields: EntryFields) => void;
  chosen: CampaignEntry[];
  disabled?: boolean;
  /** The language being edited: entries are offered in it. */
  locale?: string | null;
  /** The button's words where "Insert Strapi content" does not fit (the entries block says "Choose entries"). */
  triggerLabel?: string;
}

/**
 * MJML that lists the chosen entries with the fields of their type: the first image with its
 * alternative text, the title, and the first long text (rich text printed as HTML with `| raw`).
 */
function loopSnippet({ image, title, text, richText }: EntryFields): string {
  const textTag = richText ? `{{ e.${text} | raw }}` : `{{ e.${text} }}`;
  return [
    '',
    '    <mj-section background-color="#ffffff">',
    '      <mj-column>',
    '        {% for e in entries %}',
    image
      ? `        {% if e.${image}.url %}<mj-image src="{{ e.${image}.url }}" ` +
        `alt="{{ e.${image}.alternativeText | default: e.${title} }}" />{% endif %}`
      : null,
    `        <mj-text font-size="18px" font-weight="bold">{{ e.${title} }}</mj-text>`,
    text ? `        <mj-text>${textTag}</mj-text>` : null,
    '        {% endfor %}',
    '      </mj-column>',
    '    </mj-section>',
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/** Choose entries of any collection type of the site; the template reads them as `entries`. */
export const ContentPicker = ({ onPick, chosen, disabled, locale, triggerLabel }: ContentPickerProps) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  // Read only when opened: users without Content Manager access never trigger a refused request.
  const { types, error } = useCollectionTypes(open);
  const [uid, setUid] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const debouncedSearch = useDebounce(search, 300);
  const { entries, pageCount } = useEntries(open ? uid : null, debouncedSearch, page, locale);
  const type = types?.find((candidate) => candidate.uid === uid);
  const resolveEntry = useResolveEntry();
  const { failure } = useNotify();
  const [adding, setAdding] = useState<string | null>(null);
  // The server gives the entry as templates see it: media, relations, components, rich text as HTML.
  const add = async (chosenType: ContentType, documentId: string) => {
    setAdding(documentId);
    try {
      const entry = await resolveEntry({ uid: chosenType.uid, documentIds: [documentId], locale });
      const fields = entryFields(chosenType);
      if (entry) onPick(entry, loopSnippet(fields), fields);
    } catch (error) {
      failure(error);
    } finally {
      setAdding(null);
    }
  };
  const isChosen = (entry: CampaignEntry) =>
    chosen.some((item) => item.uid === uid && item.documentId === entry.documentId);

  return (
    <ModalShell
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary" startIcon={<Plus />} disabled={disabled}>
          {triggerLabel ?? t('picker.open', 'Insert Strapi content')}
        </Button>
      }
      title={t('picker.title', 'Insert content from your site')}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        {error ? (
          <Typography textColor="danger600">{t('picker.error', 'The content types could not be read.')}</Typography>
        ) : null}
        {types && types.length === 0 ? (
          <Typography>{t('picker.noTypes', 'This site has no collection type yet.')}</Typography>
        ) : (
          <SingleSelect
            aria-label={t('picker.type', 'Content type')}
            placeholder={t('picker.type', 'Content type')}
            value={uid ?? undefined}
            onChange={(value) => {
              setUid(String(value));
              setPage(1);
            }}
          >
            {(types ?? []).map((candidate) => (
              <SingleSelectOption key={candidate.uid} value={candidate.uid}>
                {candidate.info.displayName}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        )}
        {type ? (
          <>
            <Searchbar
              name="entry-search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              onClear={() => setSearch('')}
              clearLabel={t('action.clear', 'Clear')}
              placeholder={t('picker.search', 'Search entries')}
            >
              {t('picker.search', 'Search entries')}
            </Searchbar>
            <Flex direction="column" alignItems="stretch" gap={2} data-testid="picker-entries">
              {(entries ?? []).map((entry) => (
                <Flex
                  key={String(entry.documentId)}
                  justifyContent="space-between"
                  gap={2}
                  padding={2}
                  background="neutral100"
                  hasRadius
                >
                  <Typography ellipsis>{String(entry[titleField(type)] ?? entry.documentId)}</Typography>
                  <Button
                    size="S"
                    variant="secondary"
                    disabled={isChosen(entry) || adding !== null}
                    loading={adding === entry.documentId}
                    onClick={() => add(type, String(entry.documentId))}
                  >
                    {isChosen(entry) ? t('picker.added', 'Added') : t('picker.add', 'Add')}
                  </Button>
                </Flex>
              ))}
              {entries && entries.length === 0 ? (
                <Typography textColor="neutral600">{t('picker.none', 'No entry found.')}</Typography>
              ) : null}
            </Flex>
            {pageCount > 1 ? (
              <Flex gap={2} justifyContent="flex-end">
                <PageButtons page={page} pageCount={pageCount} onPage={setPage} />
              </Flex>
            ) : null}
          </>
        ) : null}
        <Box>
          <Typography variant="pi" textColor="neutral600">
            {t(
              'picker.help',
              'The first entry you add also puts a loop over entries into the template; edit it as you like.',
            )}
          </Typography>
        </Box>
      </Flex>
    </ModalShell>
  );
};
