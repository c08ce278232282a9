import { Box, Flex, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useT } from '../../utils/useT';

const WIDTHS = { desktop: 640, mobile: 375 } as const;
type Device = keyof typeof WIDTHS;

/**
 * The message as the server rendered it for a sample subscriber. `sandbox=""` gives the frame no
 * scripts, no forms and no same-origin access: campaign HTML never runs in the admin.
 */
export const PreviewPane = ({
  html,
  subject,
  isRefreshing,
}: {
  html: string;
  subject: string | null;
  isRefreshing: boolean;
}) => {
  const t = useT();
  const [device, setDevice] = useState<Device>('desktop');
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex justifyContent="space-between">
        <Typography variant="delta" tag="h2">
          {t('editor.preview', 'Preview')}
          {isRefreshing ? ` · ${t('editor.refreshing', 'refreshing…')}` : ''}
        </Typography>
        <Flex gap={2}>
          {(Object.keys(WIDTHS) as Device[]).map((name) => (
            <Box
              key={name}
              tag="button"
              type="button"
              padding={2}
              hasRadius
              background={device === name ? 'primary100' : 'neutral0'}
              borderColor={device === name ? 'primary600' : 'neutral200'}
              aria-pressed={device === name}
              onClick={() => setDevice(name)}
            >
              <Typography variant="pi">
                {name === 'desktop' ? t('editor.desktop', 'Desktop') : t('editor.mobile', 'Mobile')}
              </Typography>
            </Box>
          ))}
        </Flex>
      </Flex>
      {subject ? (
        <Typography variant="pi" textColor="neutral600" data-testid="preview-subject">
          {t('editor.subjectPreview', 'Subject: {subject}', { subject })}
        </Typography>
      ) : null}
      <Box background="neutral100" padding={2} hasRadius style={{ overflowX: 'auto' }}>
        <iframe
          title={t('editor.previewFrame', 'Message preview')}
          sandbox=""
          srcDoc={html}
          data-testid="preview-frame"
          data-device={device}
          style={{
            width: WIDTHS[device],
            height: 640,
            border: 0,
            background: '#fff',
            display: 'block',
            margin: '0 auto',
          }}
        />
      </Box>
    </Flex>
  );
};
