import { Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { useClipboard } from '@strapi/strapi/admin';
import { useNotify } from '../../hooks/useNotify';
import { useT } from '../../utils/useT';

/** The HTML to paste into the site, with a copy button, and the hosted page. */
export const EmbedSnippet = ({ html, hostedUrl }: { html: string; hostedUrl: string }) => {
  const t = useT();
  const { copy } = useClipboard();
  const { success } = useNotify();
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Box background="neutral100" padding={3} hasRadius style={{ maxHeight: 200, overflow: 'auto' }}>
        <Typography
          tag="pre"
          variant="pi"
          style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}
          data-testid="embed-snippet"
        >
          {html}
        </Typography>
      </Box>
      <Flex gap={3}>
        <Button
          size="S"
          variant="secondary"
          onClick={async () => {
            if (await copy(html)) success(t('forms.copied', 'Snippet copied'));
          }}
        >
          {t('forms.copy', 'Copy the snippet')}
        </Button>
        <Link href={hostedUrl} isExternal>
          {t('forms.hosted', 'Open the hosted page')}
        </Link>
      </Flex>
    </Flex>
  );
};
