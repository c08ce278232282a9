import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

export default [
  { method: 'GET', path: '/overview', handler: 'overview.get', config: requires(ACTIONS.read) },
  { method: 'GET', path: '/audience', handler: 'overview.audience', config: requires(ACTIONS.read) },
  { method: 'GET', path: '/providers', handler: 'providers.list', config: requires(ACTIONS.read) },
];
