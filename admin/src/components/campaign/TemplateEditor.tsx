import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { Code, Layout } from '@strapi/icons';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { CampaignEntry, CompileError } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ChosenEntries } from './ChosenEntries';
import { CompileErrors } from './CompileErrors';
import { ContentPicker } from './ContentPicker';
import { MediaImageButton } from './MediaImageButton';
import { MjmlEditor, type MjmlEditorHandle } from './MjmlEditor';

// Its own chunk: only this page, and only in the visual view, loads it (test/scripts/bundle-size.js).
const VisualEditor = lazy(() => import('../../visual-editor'));

export type TemplateView = 'visual' | 'code';

/** The key of a campaign not saved yet. */
export const NEW = 'new';

// The view each campaign was last switched to, for the session; NEW until a new campaign is saved.
const chosenViews = new Map<string, TemplateView>();

/**
 * The view an editor chose for a campaign, kept for the session. Without a choice the template
 * opens in the visual view, unless the visual editor said it cannot open it.
 */
export function useTemplateView(campaignKey: string) {
  const [chosen, setChosen] = useState<TemplateView | null>(chosenViews.get(campaignKey) ?? null);
  const [cannotOpen, setCannotOpen] = useState<string | null>(null);
  const previousKey = useRef(campaignKey);

  useEffect(() => {
    if (previousKey.current === campaignKey) return;
    const wasNew = previousKey.current === NEW;
    previousKey.current = campaignKey;
    // A new campaign just saved keeps the view it was being edited in; the next new one starts afresh.
    if (wasNew) chosenViews.delete(NEW);
    const known = chosenViews.get(campaignKey);
    if (known) setChosen(known);
    else if (chosen) chosenViews.set(campaignKey, chosen);
  }, [campaignKey, chosen]);

  const choose = (next: TemplateView) => {
    chosenViews.set(campaignKey, next);
    setChosen(next);
  };
  const view: TemplateView = chosen ?? (cannotOpen ? 'code' : 'visual');
  return { view, choose, cannotOpen, setCannotOpen };
}

export type TemplateViewState = ReturnType<typeof useTemplateView>;

interface TemplateEditorProps {
  state: TemplateViewState;
  value: string;
  onChange: (mjml: string) => void;
  readOnly: boolean;
  entries: CampaignEntry[];
  onEntriesChange: (entries: CampaignEntry[]) => void;
  /** The language being edited: the content picker offers entries in it. */
  locale: string | null;
  errors: CompileError[];
}

/**
 * The campaign's template in one of two views over the same MJML (docs/architecture.md, "Visual
 * editor"): the visual block editor, or the MJML source with its image and content buttons.
 */
export const TemplateEditor = ({
  state,
  value,
  onChange,
  readOnly,
  entries,
  onEntriesChange,
  locale,
  errors,
}: TemplateEditorProps) => {
  const t = useT();
  const editor = useRef<MjmlEditorHandle>(null);
  // A line a compile error pointed at while the visual view showed: jumped to once the code view is up.
  const [pendingLine, setPendingLine] = useState<number | null>(null);
  const { view, choose, cannotOpen, setCannotOpen } = state;

  useEffect(() => {
    if (view !== 'code' || pendingLine === null) return;
    editor.current?.jumpTo(pendingLine);
    setPendingLine(null);
  }, [view, pendingLine]);

  const removeEntry = (index: number) => onEntriesChange(entries.filter((_, i) => i !== index));

  // In the code view the first entry also writes its loop where the cursor is.
  const addEntryInCode = (entry: CampaignEntry, snippet: string) => {
    const firstEntry = !value.includes('entries');
    onEntriesChange([...entries, entry]);
    if (firstEntry) editor.current?.insert(snippet);
  };

  // In the visual view the entries block writes its own loop; the campaign only gains the entry.
  const addEntryInVisual = (entry: CampaignEntry) => onEntriesChange([...entries, entry]);

  const insertSection = (mjml: string) =>
    editor.current?.insert(`    <mj-section><mj-column>\n      ${mjml.trim()}\n    </mj-column></mj-section>\n`);

  const jump = (line: number) => {
    if (view === 'code') editor.current?.jumpTo(line);
    else {
      choose('code');
      setPendingLine(line);
    }
  };

  const switchButton = (target: TemplateView, label: string, icon: JSX.Element) => (
    <Button
      variant={view === target ? 'secondary' : 'tertiary'}
      startIcon={icon}
      aria-pressed={view === target}
      onClick={() => choose(target)}
    >
      {label}
    </Button>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="template-editor" data-view={view}>
      <Flex justifyContent="space-between" gap={2} wrap="wrap">
        <Flex gap={3} wrap="wrap">
          <Typography variant="delta" tag="h2">
            {t('editor.template', 'MJML template')}
          </Typography>
          <Flex gap={1} role="group" aria-label={t('visual.viewSwitch', 'Template view')}>
            {switchButton('visual', t('visual.viewVisual', 'Visual'), <Layout />)}
            {switchButton('code', t('visual.viewCode', 'Code'), <Code />)}
          </Flex>
        </Flex>
        {view === 'code' ? (
          <Flex gap={2} wrap="wrap">
            <MediaImageButton onInsert={insertSection} disabled={readOnly} />
            <ContentPicker onPick={addEntryInCode} chosen={entries} disabled={readOnly} locale={locale} />
          </Flex>
        ) : null}
      </Flex>
      {cannotOpen && view === 'code' ? (
        <Typography variant="pi" textColor="warning700" data-testid="visual-cannot-open">
          {t('visual.cannotOpen', 'The visual editor cannot open this template: {reason}', { reason: cannotOpen })}
        </Typography>
      ) : null}
      {view === 'code' ? <ChosenEntries entries={entries} readOnly={readOnly} onRemove={removeEntry} /> : null}
      {view === 'visual' ? (
        <Suspense
          fallback={
            <Box padding={6}>
              <Loader small>{t('visual.loading', 'Loading the visual editor…')}</Loader>
            </Box>
          }
        >
          <VisualEditor
            value={value}
            onChange={onChange}
            readOnly={readOnly}
            entries={entries}
            onPickEntry={addEntryInVisual}
            onRemoveEntry={removeEntry}
            locale={locale}
            onCannotOpen={setCannotOpen}
            onShowCode={(line) => {
              choose('code');
              if (line) setPendingLine(line);
            }}
          />
        </Suspense>
      ) : (
        <MjmlEditor
          ref={editor}
          value={value}
          onChange={onChange}
          readOnly={readOnly}
          label={t('editor.template', 'MJML template')}
        />
      )}
      <CompileErrors errors={errors} onJump={jump} />
    </Flex>
  );
};
