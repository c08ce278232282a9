import { Box, Flex, Tr, Typography } from '@strapi/design-system';
import type { ImportJob } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';
import { Meter } from '../Meter';

/** How far the import has read the file, what it did with the rows, and the lines it refused. */
export const ImportProgress = ({ job }: { job: ImportJob }) => {
  const t = useT();
  const percent = job.status === 'done' ? 100 : job.fileBytes ? Math.round((job.bytesRead / job.fileBytes) * 100) : 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="import-progress" data-status={job.status}>
      <Flex gap={3}>
        <Meter percent={percent} width="320px" label={t('import.progress', 'Import progress')} />
        <Typography variant="pi">{percent}%</Typography>
      </Flex>
      <Typography data-testid="import-summary">
        {t(
          'import.summary',
          '{rows} rows read: {inserted} added, {existing} already there, {duplicates} duplicates, {suppressed} erased before, {invalid} invalid',
          {
            rows: job.rows,
            inserted: job.inserted,
            existing: job.existing,
            duplicates: job.duplicates,
            suppressed: job.suppressed,
            invalid: job.invalid,
          },
        )}
      </Typography>
      {job.status === 'done' ? (
        <Typography textColor="success600">{t('import.done', 'Import finished.')}</Typography>
      ) : null}
      {job.error ? <Typography textColor="danger600">{job.error}</Typography> : null}
      {job.invalidLines.length > 0 ? (
        <Box maxHeight="240px" overflow="auto">
          <DataTable
            headers={[t('import.line', 'Line'), t('import.reason', 'Reason')]}
            rowCount={job.invalidLines.length}
            data-testid="invalid-lines"
          >
            {job.invalidLines.map((line) => (
              <Tr key={line.line}>
                <TextCell>{line.line}</TextCell>
                <TextCell>{line.reason}</TextCell>
              </Tr>
            ))}
          </DataTable>
        </Box>
      ) : null}
    </Flex>
  );
};
