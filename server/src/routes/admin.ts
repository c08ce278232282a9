import overview from './admin/overview';
import campaigns from './admin/campaigns';
import audience from './admin/audience';
import settings from './admin/settings';
import templates from './admin/templates';
import content from './admin/content';
import segments from './admin/segments';
import series from './admin/series';
import publishRules from './admin/publish-rules';
import engagement from './admin/engagement';

export default {
  type: 'admin',
  routes: [
    ...overview,
    ...campaigns,
    ...audience,
    ...settings,
    ...templates,
    ...content,
    ...segments,
    ...series,
    ...publishRules,
    ...engagement,
  ],
};
