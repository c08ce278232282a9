import apiCampaigns from './campaigns';
import apiLists from './lists';
import apiSubscribers from './subscribers';

/** The content API for Strapi API tokens (routes/token-api.ts). */
export default { apiCampaigns, apiLists, apiSubscribers };
