import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { ImportJob } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
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
          <Table colCount={2} rowCount={job.invalidLines.length + 1} data-testid="invalid-lines">
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('import.line', 'Line')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('import.reason', 'Reason')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {job.invalidLines.map((line) => (
                <Tr key={line.line}>
                  <Td>
                    <Typography>{line.line}</Typography>
                  </Td>
                  <Td>
                    <Typography>{line.reason}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ) : null}
    </Flex>
  );
};
