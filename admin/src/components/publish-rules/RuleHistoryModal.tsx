import { Button, Flex, Link, Td, Tr, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { CampaignStatus, PublishRule } from '../../../../server/src/contracts';
import { usePublishRuleHistory } from '../../api/publishRules';
import { dateTime, recordStateLabel } from '../../utils/publishRuleLabels';
import { ROUTES } from '../../utils/routes';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';
import { ModalShell } from '../ModalShell';
import { StatusBadge } from '../StatusBadge';

/** A draft opens in the editor, to review and send; any other campaign in its report. */
const campaignRoute = (campaign: { id: number; status: string }) =>
  campaign.status === 'draft' ? ROUTES.campaign(campaign.id) : ROUTES.report(campaign.id);

/** The entries a rule recorded, with what became of each, and the campaigns it made. */
export const RuleHistoryModal = ({ rule }: { rule: PublishRule }) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const history = usePublishRuleHistory(open ? rule.id : null);
  const campaigns = history.data?.campaigns ?? [];
  const records = history.data?.records ?? [];
  const campaignOf = (id: number | null) => campaigns.find((campaign) => campaign.id === id);

  return (
    <ModalShell
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button size="S" variant="tertiary">
          {t('rules.history', 'History')}
        </Button>
      }
      title={t('rules.historyTitle', 'History of “{name}”', { name: rule.name })}
    >
      {!history.data ? (
        <Page.Loading />
      ) : (
        <Flex direction="column" alignItems="stretch" gap={6} data-testid="rule-history">
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="delta" tag="h3">
              {t('rules.campaignsMade', 'Campaigns made')}
            </Typography>
            {campaigns.length === 0 ? (
              <Typography textColor="neutral600">{t('rules.noCampaign', 'No campaign yet.')}</Typography>
            ) : (
              <DataTable
                headers={[t('field.name', 'Name'), t('field.status', 'Status'), t('rules.createdAt', 'Created')]}
                rowCount={campaigns.length}
              >
                {campaigns.map((campaign) => (
                  <Tr key={campaign.id} data-testid="rule-campaign">
                    <Td>
                      <Link tag={RouterLink} to={campaignRoute(campaign)}>
                        {campaign.name}
                      </Link>
                    </Td>
                    <Td>
                      <StatusBadge status={campaign.status as CampaignStatus} />
                    </Td>
                    <TextCell variant="pi">{dateTime(campaign.createdAt)}</TextCell>
                  </Tr>
                ))}
              </DataTable>
            )}
          </Flex>
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="delta" tag="h3">
              {t('rules.entriesRecorded', 'Entries recorded')}
            </Typography>
            {records.length === 0 ? (
              <Typography textColor="neutral600">
                {t('rules.noRecord', 'No entry published since the rule began.')}
              </Typography>
            ) : (
              <DataTable
                headers={[t('rules.entry', 'Entry'), t('rules.recordedAt', 'Recorded'), t('field.status', 'Status')]}
                rowCount={records.length}
              >
                {records.map((record) => {
                  const campaign = campaignOf(record.campaignId);
                  return (
                    <Tr key={record.id} data-testid="rule-record" data-state={record.state}>
                      <TextCell>
                        {record.title ?? record.documentId}
                        {record.locale ? ` (${record.locale})` : ''}
                      </TextCell>
                      <TextCell variant="pi">{dateTime(record.recordedAt)}</TextCell>
                      <Td>
                        <Typography variant="pi">{recordStateLabel(t, record.state)}</Typography>
                        {record.note ? (
                          <Typography variant="pi" textColor="neutral600" tag="p">
                            {record.note}
                          </Typography>
                        ) : null}
                        {campaign ? (
                          <Link tag={RouterLink} to={campaignRoute(campaign)}>
                            {campaign.name}
                          </Link>
                        ) : null}
                      </Td>
                    </Tr>
                  );
                })}
              </DataTable>
            )}
          </Flex>
        </Flex>
      )}
    </ModalShell>
  );
};
