import { Button } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard } from '@strapi/strapi/admin';
import { useNotify } from '../hooks/useNotify';
import { useT } from '../utils/useT';

/** Copies `value` and says so in a toast: a URL or a DNS record to paste elsewhere. */
export const CopyButton = ({ value, label }: { value: string; label: string }) => {
  const t = useT();
  const { copy } = useClipboard();
  const { success } = useNotify();
  return (
    <Button
      size="S"
      variant="tertiary"
      startIcon={<Duplicate />}
      onClick={async () => {
        if (await copy(value)) success(t('copy.done', 'Copied'));
      }}
    >
      {label}
    </Button>
  );
};
