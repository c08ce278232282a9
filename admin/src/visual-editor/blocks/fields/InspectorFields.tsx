import { Flex } from '@strapi/design-system';
import type { ReactNode } from 'react';

/** The side panel's fields, one under the other. */
export const InspectorFields = ({ children }: { children: ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={4}>
    {children}
  </Flex>
);
