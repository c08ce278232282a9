import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { MailingList, ProviderView, Series, SeriesInput } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { EditModal } from '../EditModal';
import { ProviderField } from '../ProviderField';
import { TextField } from '../TextField';
import { StepsEditor } from './StepsEditor';
import { canSaveSeries, type SeriesDraft, seriesDraft, toSeriesInput } from './seriesDraft';

interface SeriesModalProps {
  series?: Series;
  lists: MailingList[];
  providers: ProviderView[];
  trigger: ReactNode;
  onSave: (input: SeriesInput) => Promise<boolean>;
}

/** Create or edit a series: who enrolls (a list, on confirming or joining), through what, and its steps. */
export const SeriesModal = ({ series, lists, providers, trigger, onSave }: SeriesModalProps) => {
  const t = useT();
  return (
    <EditModal<SeriesDraft>
      title={series ? t('series.edit', 'Edit the series') : t('series.create', 'Create a series')}
      trigger={trigger}
      initial={() => seriesDraft(series)}
      canSave={canSaveSeries}
      onSave={(draft) => onSave(toSeriesInput(draft))}
    >
      {(draft, setDraft) => (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <TextField
            name="name"
            label={t('field.name', 'Name')}
            required
            value={draft.name}
            onChange={(name) => setDraft((current) => ({ ...current, name }))}
          />
          <Field.Root
            name="list"
            required
            hint={t('series.listHint', 'Leaving the list stops the series for that person.')}
          >
            <Field.Label>{t('series.list', 'List')}</Field.Label>
            <SingleSelect
              value={draft.listId === null ? '' : String(draft.listId)}
              placeholder={t('segments.chooseList', 'Choose a list')}
              onChange={(id) => setDraft((current) => ({ ...current, listId: Number(id) }))}
            >
              {lists.map((list) => (
                <SingleSelectOption key={list.id} value={String(list.id)}>
                  {list.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Hint />
          </Field.Root>
          <Field.Root name="trigger">
            <Field.Label>{t('series.trigger', 'Starts when a person')}</Field.Label>
            <SingleSelect
              value={draft.trigger}
              onChange={(value) =>
                setDraft((current) => ({ ...current, trigger: value === 'joined' ? 'joined' : 'confirmed' }))
              }
            >
              <SingleSelectOption value="confirmed">
                {t('series.trigger.confirmed', 'confirms their subscription')}
              </SingleSelectOption>
              <SingleSelectOption value="joined">
                {t('series.trigger.joined', 'joins the list by any path')}
              </SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <ProviderField
            value={draft.provider}
            onChange={(provider) => setDraft((current) => ({ ...current, provider }))}
            providers={providers}
          />
          <StepsEditor steps={draft.steps} onChange={(steps) => setDraft((current) => ({ ...current, steps }))} />
        </Flex>
      )}
    </EditModal>
  );
};
