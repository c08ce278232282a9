import { Layouts, Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PluginNav } from '../components/PluginNav';
import { PERMISSIONS } from '../permissions';
import { CampaignEditorPage } from './CampaignEditorPage';
import { CampaignReportPage } from './CampaignReportPage';
import { CampaignsPage } from './CampaignsPage';
import { FormsPage } from './FormsPage';
import { ListsPage } from './ListsPage';
import { OverviewPage } from './OverviewPage';
import { PublishRulesPage } from './PublishRulesPage';
import { SegmentsPage } from './SegmentsPage';
import { SeriesPage } from './SeriesPage';
import { SubscribersPage } from './SubscribersPage';
import { TemplatesPage } from './TemplatesPage';

const App = () => (
  <Page.Protect permissions={PERMISSIONS.read}>
    <Layouts.Root sideNav={<PluginNav />}>
      <Routes>
        <Route index element={<OverviewPage />} />
        <Route path="campaigns" element={<CampaignsPage />} />
        <Route path="campaigns/new" element={<CampaignEditorPage />} />
        <Route path="campaigns/:id" element={<CampaignEditorPage />} />
        <Route path="campaigns/:id/report" element={<CampaignReportPage />} />
        <Route path="templates" element={<TemplatesPage />} />
        <Route path="subscribers" element={<SubscribersPage />} />
        <Route path="lists" element={<ListsPage />} />
        <Route path="forms" element={<FormsPage />} />
        <Route path="publish-rules" element={<PublishRulesPage />} />
        <Route path="segments" element={<SegmentsPage />} />
        <Route path="series" element={<SeriesPage />} />
        <Route path="*" element={<Page.Error />} />
      </Routes>
    </Layouts.Root>
  </Page.Protect>
);

export default App;
