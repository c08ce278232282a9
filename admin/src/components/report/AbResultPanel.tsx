import { Badge, Flex, Td, Tr, Typography } from '@strapi/design-system';
import type { AbResult } from '../../../../server/src/contracts';
import { useFormatCount } from '../../utils/rates';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';

const formatWhen = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The A/B subject test: each variant's subject, messages, opens and clicks, and the winner or when it is picked. */
export const AbResultPanel = ({ ab }: { ab: AbResult }) => {
  const t = useT();
  const count = useFormatCount();
  const { winner, metric } = ab.test;
  const won = ab.variants.find((variant) => variant.variant === winner);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="ab-result">
      {won ? (
        <Typography fontWeight="bold" data-testid="ab-winner">
          {t('engagement.abWinner', 'Winner: variant {variant}, “{subject}”', {
            variant: won.variant,
            subject: won.subject,
          })}
        </Typography>
      ) : (
        <Typography data-testid="ab-pending">
          {ab.decidesAt
            ? t('engagement.abDecidesAt', 'The winner is picked at {when}.', { when: formatWhen(ab.decidesAt) })
            : t('engagement.abNotStarted', 'The test starts when the campaign is sent.')}
        </Typography>
      )}
      <Typography variant="pi" textColor="neutral600">
        {metric === 'clicks'
          ? t('engagement.abByClicks', 'The variant most people click wins; the rest of the audience gets it.')
          : t('engagement.abByOpens', 'The variant most people open wins; the rest of the audience gets it.')}
      </Typography>
      <DataTable
        headers={[
          t('engagement.variant', 'Variant'),
          t('field.subject', 'Subject'),
          t('engagement.sent', 'Messages sent'),
          t('engagement.uniqueOpens', 'Unique opens'),
          t('engagement.uniqueClicks', 'Unique clicks'),
        ]}
        rowCount={ab.variants.length}
      >
        {ab.variants.map((variant) => (
          <Tr key={variant.variant} data-testid="ab-variant">
            <Td>
              <Flex gap={2}>
                <Typography>{variant.variant}</Typography>
                {variant.variant === winner ? <Badge active>{t('engagement.winnerBadge', 'Winner')}</Badge> : null}
              </Flex>
            </Td>
            <TextCell>{variant.subject}</TextCell>
            <TextCell>{count(variant.sent)}</TextCell>
            <TextCell>{count(variant.opens.unique)}</TextCell>
            <TextCell>{count(variant.clicks.unique)}</TextCell>
          </Tr>
        ))}
      </DataTable>
    </Flex>
  );
};
