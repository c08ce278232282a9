import { Flex, Typography } from '@strapi/design-system';
import { useT } from '../utils/useT';
import { Meter } from './Meter';

/** Messages done (sent or ended otherwise) of the campaign's audience, as a bar and in figures. */
export const SendProgress = ({ done, total }: { done: number; total: number }) => {
  const t = useT();
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <Flex gap={2} data-testid="send-progress" data-done={done} data-total={total}>
      <Meter percent={percent} label={t('progress.label', 'Sending progress')} />
      <Typography variant="pi" textColor="neutral600">
        {t('progress.figures', '{done} / {total}', { done, total })}
      </Typography>
    </Flex>
  );
};
