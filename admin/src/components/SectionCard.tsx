import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

interface SectionCardProps {
  title: ReactNode;
  /** Buttons on the title's line, at its end. */
  actions?: ReactNode;
  /** Space between the title and each part of the content. */
  gap?: number;
  children: ReactNode;
  'data-testid'?: string;
}

/** A white card with a title, for one thing on a page (a form, a provider, the sending settings). */
export const SectionCard = ({ title, actions, gap = 2, children, ...rest }: SectionCardProps) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius {...rest}>
    <Flex direction="column" alignItems="stretch" gap={gap}>
      <Flex justifyContent="space-between">
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        {actions}
      </Flex>
      {children}
    </Flex>
  </Box>
);
