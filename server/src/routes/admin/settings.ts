import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

const route = (method: string, path: string, handler: string, controller = 'settings') => ({
  method,
  path: `/settings${path}`,
  handler: `${controller}.${handler}`,
  config: requires(ACTIONS.settings),
});

export default [
  route('GET', '', 'find'),
  route('POST', '/providers', 'createProvider'),
  route('PUT', '/providers/:name', 'updateProvider'),
  route('DELETE', '/providers/:name', 'deleteProvider'),
  route('POST', '/providers/:name/test', 'testProvider'),
  route('POST', '/providers/:name/domain-check', 'checkDomain'),
  // The plugin's events for Strapi webhooks (services/events/).
  route('GET', '/events', 'find', 'eventSettings'),
  route('PUT', '/events', 'update', 'eventSettings'),
  route('POST', '/events/webhooks', 'createWebhook', 'eventSettings'),
  route('PUT', '/events/webhooks/:id', 'attachEvents', 'eventSettings'),
];
