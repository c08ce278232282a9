import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Code } from '@strapi/icons';
import { useT } from '../../utils/useT';

/** The banner over a template with raw runs: how many parts the editor keeps as written, and where to edit them. */
export const RawNotice = ({ count, onShowCode }: { count: number; onShowCode: () => void }) => {
  const t = useT();
  if (count === 0) return null;
  return (
    <Box background="neutral100" borderColor="neutral300" padding={3} hasRadius data-testid="raw-notice">
      <Flex justifyContent="space-between" gap={2} wrap="wrap">
        <Typography variant="omega" textColor="neutral800">
          {t(
            'visual.rawNotice',
            '{count, plural, one {# part is} other {# parts are}} kept exactly as written. Edit them in the code view.',
            { count },
          )}
        </Typography>
        <Button variant="tertiary" size="S" startIcon={<Code />} onClick={onShowCode}>
          {t('visual.openCode', 'Open the code view')}
        </Button>
      </Flex>
    </Box>
  );
};
