import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import type { ExportFilter } from '../../../../server/src/contracts';
import { useAudienceActions } from '../../api/audience';
import { useAsyncAction } from '../../hooks/useAsyncAction';
import { useT } from '../../utils/useT';

/** Saves the blob as a file, through a link the browser follows at once. */
function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

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
      onClick={() =>
        run(async () => download(await exportCsv(filter), `subscribers-${new Date().toISOString().slice(0, 10)}.csv`))
      }
    >
      {t('subscribers.export', 'Export CSV')}
    </Button>
  );
};
