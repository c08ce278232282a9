import { Button, Flex, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import type { PublishRule } from '../../../../server/src/contracts';
import { useDigestPreview } from '../../api/publishRules';
import { dateTime } from '../../utils/publishRuleLabels';
import { useT } from '../../utils/useT';
import { PreviewPane } from '../campaign/PreviewPane';
import { ModalShell } from '../ModalShell';

/** "What would be sent now": the next digest rendered for the stand-in recipient, fetched on each opening. */
export const DigestPreviewModal = ({ rule }: { rule: PublishRule }) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const preview = useDigestPreview(open ? rule.id : null);
  const data = preview.data;

  return (
    <ModalShell
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="S" variant="tertiary">
          {t('rules.preview', 'Preview')}
        </Button>
      }
      title={t('rules.previewTitle', 'What “{name}” would send now', { name: rule.name })}
    >
      {preview.error ? (
        <Typography textColor="danger600">{t('rules.previewFailed', 'The digest could not be rendered.')}</Typography>
      ) : !data ? (
        <Page.Loading />
      ) : (
        <Flex direction="column" alignItems="stretch" gap={4} data-testid="digest-preview">
          <Typography data-testid="digest-preview-summary">
            {data.entries === 0 || !data.dueAt
              ? t('rules.previewEmpty', 'No entry recorded in this period: nothing would be sent.')
              : t('rules.previewDue', '{count, plural, one {# entry} other {# entries}}, due {due}', {
                  count: data.entries,
                  due: dateTime(data.dueAt),
                })}
          </Typography>
          {data.entries > 0 ? <PreviewPane html={data.html} subject={data.subject} isRefreshing={false} /> : null}
        </Flex>
      )}
    </ModalShell>
  );
};
