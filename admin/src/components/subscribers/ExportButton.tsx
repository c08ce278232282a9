import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useState } from 'react';
import { useAudienceActions } from '../../api/audience';
import type { ExportFilter } from '../../../../server/src/contracts';
import { useNotify } from '../../hooks/useNotify';
import { useT } from '../../utils/useT';

/** Downloads the subscribers matching the current filters as CSV. */
export const ExportButton = ({ filter }: { filter: ExportFilter }) => {
  const t = useT();
  const { exportCsv } = useAudienceActions();
  const { failure } = useNotify();
  const [isExporting, setExporting] = useState(false);
  return (
    <Button
      variant="secondary"
      startIcon={<Download />}
      loading={isExporting}
      onClick={async () => {
        setExporting(true);
        try {
          const url = URL.createObjectURL(await exportCsv(filter));
          const link = document.createElement('a');
          link.href = url;
          link.download = `subscribers-${new Date().toISOString().slice(0, 10)}.csv`;
          link.click();
          URL.revokeObjectURL(url);
        } catch (error) {
          failure(error);
        } finally {
          setExporting(false);
        }
      }}
    >
      {t('subscribers.export', 'Export CSV')}
    </Button>
  );
};
