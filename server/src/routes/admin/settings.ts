import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

const route = (method: string, path: string, handler: string) => ({
  method,
  path: `/settings${path}`,
  handler: `settings.${handler}`,
  config: requires(ACTIONS.settings),
});

export default [
  route('GET', '', 'find'),
  route('POST', '/providers', 'createProvider'),
  route('PUT', '/providers/:name', 'updateProvider'),
  route('DELETE', '/providers/:name', 'deleteProvider'),
  route('POST', '/providers/:name/test', 'testProvider'),
  route('POST', '/providers/:name/domain-check', 'checkDomain'),
];
