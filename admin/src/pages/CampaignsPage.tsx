import { Box, Button, EmptyStateLayout, Flex, Searchbar } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useDebounce } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useCampaigns } from '../api/campaigns';
import type { CampaignStatus } from '../../../server/src/contracts';
import { CampaignsTable } from '../components/campaign/CampaignsTable';
import { ListPagination } from '../components/ListPagination';
import { StatusFilter } from '../components/StatusFilter';
import { usePermissions } from '../hooks/usePermissions';
import { ROUTES } from '../utils/routes';
import { useT } from '../utils/useT';

const STATUSES: CampaignStatus[] = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'];

export const CampaignsPage = () => {
  const t = useT();
  const { canWriteCampaigns } = usePermissions();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<CampaignStatus | ''>('');
  const debouncedSearch = useDebounce(search, 300);
  const campaigns = useCampaigns({ page, search: debouncedSearch, status: status || undefined });

  if (campaigns.error) return <Page.Error />;

  return (
    <Page.Main>
      <Page.Title>{t('campaigns.title', 'Campaigns')}</Page.Title>
      <Layouts.Header
        title={t('campaigns.title', 'Campaigns')}
        subtitle={t('campaigns.subtitle', 'Compose, schedule and follow your sends')}
        primaryAction={
          canWriteCampaigns ? (
            <Button tag={RouterLink} to={ROUTES.newCampaign} startIcon={<Plus />}>
              {t('campaigns.new', 'New campaign')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex gap={3} paddingBottom={4}>
          <Box width="320px">
            <Searchbar
              name="search"
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
                setPage(1);
              }}
              onClear={() => setSearch('')}
              clearLabel={t('action.clear', 'Clear')}
              placeholder={t('campaigns.search', 'Search by name')}
            >
              {t('campaigns.search', 'Search by name')}
            </Searchbar>
          </Box>
          <StatusFilter
            label={t('field.status', 'Status')}
            statuses={STATUSES}
            value={status}
            onChange={(next) => {
              setStatus(next);
              setPage(1);
            }}
          />
        </Flex>
        {campaigns.isLoading && !campaigns.data ? (
          <Page.Loading />
        ) : campaigns.data && campaigns.data.length > 0 ? (
          <>
            <CampaignsTable campaigns={campaigns.data} onChange={campaigns.reload} />
            <ListPagination pagination={campaigns.pagination} onPage={setPage} />
          </>
        ) : (
          <EmptyStateLayout content={t('campaigns.empty', 'No campaign matches.')} />
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
