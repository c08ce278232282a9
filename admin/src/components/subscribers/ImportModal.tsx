import { Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import { useState } from 'react';
import { useAudienceActions } from '../../api/audience';
import type { ImportedStatus, ImportJob, ImportMapping, MailingList } from '../../../../server/src/contracts';
import { useImportJob } from '../../hooks/useImportJob';
import { useAsyncAction } from '../../hooks/useAsyncAction';
import { COLUMN_GUESSES, readCsvHeader } from '../../utils/csvHeader';
import { useT } from '../../utils/useT';
import { ListsField } from '../lists/ListsField';
import { ModalShell } from '../ModalShell';
import { ColumnMapping, type MappedField } from './ColumnMapping';
import { ImportProgress } from './ImportProgress';

function guessMapping(columns: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const field of Object.keys(COLUMN_GUESSES) as MappedField[]) {
    const column = columns.find((name) => COLUMN_GUESSES[field].test(name.trim()));
    if (column) mapping[field] = column;
  }
  return mapping;
}

/** CSV import: pick a file, map its columns, choose lists, then follow the progress. */
export const ImportModal = ({ lists, onFinished }: { lists: MailingList[]; onFinished: () => void }) => {
  const t = useT();
  const { startImport } = useAudienceActions();
  const { isRunning: isStarting, run } = useAsyncAction();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [listIds, setListIds] = useState<number[]>([]);
  const [status, setStatus] = useState<ImportedStatus>('subscribed');
  const [started, setStarted] = useState<ImportJob | null>(null);
  const job = useImportJob(started);

  const reset = () => {
    setFile(null);
    setColumns([]);
    setMapping({});
    setListIds([]);
    setStarted(null);
  };

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    const header = await readCsvHeader(chosen);
    setFile(chosen);
    setColumns(header);
    setMapping(guessMapping(header));
  };

  const start = () =>
    run(async () => {
      if (file) setStarted(await startImport(file, mapping, listIds, status));
    });

  return (
    <ModalShell
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          if (job) onFinished();
          reset();
        }
      }}
      trigger={
        <Button variant="secondary" startIcon={<Upload />}>
          {t('import.open', 'Import CSV')}
        </Button>
      }
      title={t('import.title', 'Import subscribers from a CSV file')}
      actions={
        job ? null : (
          <Button onClick={start} loading={isStarting} disabled={!file || !mapping.email}>
            {t('import.start', 'Start the import')}
          </Button>
        )
      }
    >
      {job ? (
        <ImportProgress job={job} />
      ) : (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Field.Root
            name="csv"
            hint={t(
              'import.hint',
              'The first line names the columns. Addresses already subscribed are not duplicated.',
            )}
          >
            <Field.Label>{t('import.file', 'CSV file')}</Field.Label>
            <input
              type="file"
              accept=".csv,text/csv"
              aria-label={t('import.file', 'CSV file')}
              onChange={(event) => choose(event.target.files?.[0])}
            />
            <Field.Hint />
          </Field.Root>
          {columns.length > 0 ? (
            <>
              <Typography variant="delta">{t('import.mapping', 'Columns')}</Typography>
              <ColumnMapping columns={columns} mapping={mapping} onChange={setMapping} />
              <ListsField
                name="import-lists"
                label={t('import.lists', 'Add everyone to these lists')}
                lists={lists}
                value={listIds}
                onChange={setListIds}
              />
              <Field.Root
                name="import-status"
                hint={t(
                  'import.statusHint',
                  'For rows without a status column. Only import people who agreed to receive your mail.',
                )}
              >
                <Field.Label>{t('import.status', 'Status of new subscribers')}</Field.Label>
                <SingleSelect value={status} onChange={(value) => setStatus(value as ImportedStatus)}>
                  <SingleSelectOption value="subscribed">{t('status.subscribed', 'Subscribed')}</SingleSelectOption>
                  <SingleSelectOption value="unsubscribed">
                    {t('status.unsubscribed', 'Unsubscribed')}
                  </SingleSelectOption>
                </SingleSelect>
                <Field.Hint />
              </Field.Root>
            </>
          ) : null}
        </Flex>
      )}
    </ModalShell>
  );
};
