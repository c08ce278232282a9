import { useMemo } from 'react';
import type { BlockTexts } from '../document/types';
import { useT } from '../../utils/useT';

/**
 * The words new blocks start with, in the admin's language, for `createBlock`. The entries block compares
 * its loop with a fresh one made from the same words to know whether it is still the untouched default.
 */
export function useBlockTexts(): BlockTexts {
  const t = useT();
  return useMemo(
    () => ({
      text: t('visual.block.newText', 'Write your text here.'),
      button: t('visual.block.newButton', 'Read more'),
      entryTitle: t('visual.block.newEntryTitle', 'Your chosen entries appear here.'),
    }),
    [t],
  );
}
