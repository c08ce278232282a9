import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import type { ExportFilter } from '../../../../server/src/contracts';
import { useAudienceActions } from '../../api/audience';
import { useAsyncAction } from '../../hooks/useAsyncAction';
import { datedCsvName, download } from '../../utils/download';
import { useT } from '../../utils/useT';

/** Downloads the subscribers matching the current filters as CSV. */
export const ExportButton = ({ filter }: { filter: ExportFilter }) => {
  const t = useT();
  const { exportCsv } = useAudienceActions();
  const { isRunning, run } = useAsyncAction();
  return (
    <Button
      variant="secondary"
      startIcon={<Download />}
      loading={isRunning}
      onClick={() => run(async () => download(await exportCsv(filter), datedCsvName('subscribers')))}
    >
      {t('subscribers.export', 'Export CSV')}
    </Button>
  );
};
