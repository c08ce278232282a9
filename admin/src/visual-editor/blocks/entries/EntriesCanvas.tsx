import { Flex, Typography } from '@strapi/design-system';
import type { EntriesNode } from '../../document/types';
import { useT } from '../../../utils/useT';
import type { BlockProps } from '../types';
import { entryImage, entryTitle } from './entryView';

/** The campaign's chosen entries, each with its title and image, as the loop repeats them. */
export const EntriesCanvas = ({ context }: BlockProps<EntriesNode>) => {
  const t = useT();
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      padding={4}
      background="neutral0"
      borderColor="primary200"
      borderStyle="dashed"
      borderWidth="1px"
      data-testid="entries-canvas"
    >
      <Typography variant="sigma" textColor="primary600">
        {t('visual.block.entries', 'Strapi entries')}
      </Typography>
      {context.entries.length === 0 ? (
        <Typography textColor="neutral600">{t('visual.block.noEntries', 'No entries chosen yet')}</Typography>
      ) : (
        context.entries.map((entry, index) => {
          const image = entryImage(entry);
          return (
            <Flex key={`${entry.uid}-${entry.documentId}-${index}`} gap={3} data-testid="entries-canvas-entry">
              {image ? (
                <img
                  src={image.url}
                  alt={image.alternativeText ?? ''}
                  style={{ width: 96, height: 64, objectFit: 'cover', flexShrink: 0 }}
                />
              ) : null}
              <Typography fontWeight="bold" style={{ fontSize: 18 }}>
                {entryTitle(entry)}
              </Typography>
            </Flex>
          );
        })
      )}
    </Flex>
  );
};
