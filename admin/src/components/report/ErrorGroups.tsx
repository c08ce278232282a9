import { Box, Flex, Typography } from '@strapi/design-system';
import type { Report } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

/** Problem rows grouped by SMTP code, with a few examples each. */
export const ErrorGroups = ({ groups }: { groups: Report['errors'] }) => {
  const t = useT();
  if (groups.length === 0) return <Typography textColor="neutral600">{t('report.noErrors', 'No errors.')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="error-groups">
      {groups.map((group) => (
        <Box key={group.code ?? 'none'} background="neutral0" padding={4} shadow="tableShadow" hasRadius>
          <Typography fontWeight="bold">
            {t('report.errorGroup', '{code}: {count, plural, one {# message} other {# messages}}', {
              code: group.code ?? t('report.noCode', 'no code'),
              count: group.count,
            })}
          </Typography>
          {group.examples.map((example) => (
            <Typography key={example.email} tag="p" variant="pi" textColor="neutral600">
              {example.email} ({example.status}): {example.error ?? '—'}
            </Typography>
          ))}
        </Box>
      ))}
    </Flex>
  );
};
