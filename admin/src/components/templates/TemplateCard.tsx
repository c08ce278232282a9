import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { CampaignTemplate } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { TemplateThumbnail } from './TemplateThumbnail';

/** A template's thumbnail, name and subject, with the actions the page offers on it. */
export const TemplateCard = ({ template, actions }: { template: CampaignTemplate; actions: ReactNode }) => {
  const t = useT();
  return (
    <Box
      tag="article"
      background="neutral0"
      padding={4}
      shadow="tableShadow"
      hasRadius
      data-testid="template-card"
      data-key={template.key}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <TemplateThumbnail
          html={template.html}
          title={t('templates.thumbnail', 'Preview of {name}', { name: template.name })}
        />
        <Flex gap={2} justifyContent="space-between">
          <Typography variant="delta" tag="h2">
            {template.name}
          </Typography>
          {template.starter ? <Badge>{t('templates.starter', 'Starter')}</Badge> : null}
        </Flex>
        {template.subject ? <Typography textColor="neutral600">{template.subject}</Typography> : null}
        <Flex gap={2}>{actions}</Flex>
      </Flex>
    </Box>
  );
};
