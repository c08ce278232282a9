import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

// Reading needs `read`; a series sends mail, so every write (and pause, resume) needs `campaigns.send`.
export default [
  { method: 'GET', path: '/series', handler: 'series.find', config: requires(ACTIONS.read) },
  { method: 'GET', path: '/series/:id', handler: 'series.findOne', config: requires(ACTIONS.read) },
  { method: 'POST', path: '/series', handler: 'series.create', config: requires(ACTIONS.campaignsSend) },
  { method: 'PUT', path: '/series/:id', handler: 'series.update', config: requires(ACTIONS.campaignsSend) },
  { method: 'DELETE', path: '/series/:id', handler: 'series.delete', config: requires(ACTIONS.campaignsSend) },
  { method: 'POST', path: '/series/:id/pause', handler: 'series.pause', config: requires(ACTIONS.campaignsSend) },
  { method: 'POST', path: '/series/:id/resume', handler: 'series.resume', config: requires(ACTIONS.campaignsSend) },
];
