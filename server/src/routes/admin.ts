import overview from './admin/overview';
import campaigns from './admin/campaigns';
import audience from './admin/audience';
import settings from './admin/settings';
import templates from './admin/templates';
import segments from './admin/segments';
import series from './admin/series';

export default {
  type: 'admin',
  routes: [...overview, ...campaigns, ...audience, ...settings, ...templates, ...segments, ...series],
};
