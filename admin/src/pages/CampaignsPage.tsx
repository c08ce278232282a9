import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import type { CampaignStatus } from '../../../server/src/contracts';
import { useCampaigns } from '../api/campaigns';
import { CampaignsTable } from '../components/campaign/CampaignsTable';
import { ItemsOrEmpty } from '../components/ItemsOrEmpty';
import { ListPagination } from '../components/ListPagination';
import { PluginPage } from '../components/PluginPage';
import { SearchAndStatusToolbar } from '../components/SearchAndStatusToolbar';
import { useListFilters } from '../hooks/useListFilters';
import { usePermissions } from '../hooks/usePermissions';
import { ROUTES } from '../utils/routes';
import { useT } from '../utils/useT';

const STATUSES: CampaignStatus[] = ['draft', 'scheduled', 'testing', 'sending', 'paused', 'sent', 'cancelled'];

export const CampaignsPage = () => {
  const t = useT();
  const { canWriteCampaigns } = usePermissions();
  const filters = useListFilters<CampaignStatus>();
  const campaigns = useCampaigns(filters.query);

  if (campaigns.error) return <Page.Error />;

  return (
    <PluginPage
      title={t('campaigns.title', 'Campaigns')}
      subtitle={t('campaigns.subtitle', 'Compose, schedule and follow your sends')}
      primaryAction={
        canWriteCampaigns ? (
          <Button tag={RouterLink} to={ROUTES.newCampaign} startIcon={<Plus />}>
            {t('campaigns.new', 'New campaign')}
          </Button>
        ) : undefined
      }
    >
      <SearchAndStatusToolbar
        filters={filters}
        statuses={STATUSES}
        searchLabel={t('campaigns.search', 'Search by name')}
      />
      <ItemsOrEmpty items={campaigns.data} emptyText={t('campaigns.empty', 'No campaign matches.')}>
        {(items) => (
          <>
            <CampaignsTable campaigns={items} onChange={campaigns.reload} />
            <ListPagination pagination={campaigns.pagination} onPage={filters.setPage} />
          </>
        )}
      </ItemsOrEmpty>
    </PluginPage>
  );
};
