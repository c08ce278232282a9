import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Report } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

/**
 * The messages of a campaign per language version, as each row was assigned when the audience was
 * built: shown only when the campaign speaks more than one language or names its default's.
 */
export const LanguageCounts = ({ languages }: { languages: Report['languages'] }) => {
  const t = useT();
  if (languages.length === 0 || (languages.length === 1 && languages[0].locale === null)) return null;
  return (
    <Table colCount={5} rowCount={languages.length + 1} data-testid="report-languages">
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('report.language', 'Language')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('report.sent', 'Sent')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('report.problems', 'Failed or bounced')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('report.pending', 'Pending')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('report.total', 'Total')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {languages.map(({ locale, counts }) => (
          <Tr key={locale ?? 'default'}>
            <Td>
              <Typography>{locale ?? t('report.defaultLanguage', 'Default content')}</Typography>
            </Td>
            <Td>
              <Typography>{counts.sent}</Typography>
            </Td>
            <Td>
              <Typography>{counts.failed + counts.bounced + counts.unknown}</Typography>
            </Td>
            <Td>
              <Typography>{counts.queued + counts.retry + counts.sending}</Typography>
            </Td>
            <Td>
              <Typography>{counts.total}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
