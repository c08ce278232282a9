import overview from './admin/overview';
import campaigns from './admin/campaigns';
import audience from './admin/audience';
import settings from './admin/settings';
import templates from './admin/templates';
import publishRules from './admin/publish-rules';

export default {
  type: 'admin',
  routes: [...overview, ...campaigns, ...audience, ...settings, ...templates, ...publishRules],
};
