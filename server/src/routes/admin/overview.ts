import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

export default [
  { method: 'GET', path: '/overview', handler: 'overview.get', config: requires(ACTIONS.read) },
  { method: 'GET', path: '/audience', handler: 'overview.audience', config: requires(ACTIONS.read) },
  { method: 'GET', path: '/providers', handler: 'providers.list', config: requires(ACTIONS.read) },
  // Lifts a provider's pause (the reputation breaker's waits for this); sending is the right it needs.
  {
    method: 'POST',
    path: '/providers/:name/resume',
    handler: 'providers.resume',
    config: requires(ACTIONS.campaignsSend),
  },
];
