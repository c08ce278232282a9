import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

// Reads need `read`; a rule sends campaigns on its own, so every write needs `campaigns.send`.
const read = requires(ACTIONS.read);
const send = requires(ACTIONS.campaignsSend);

export default [
  { method: 'GET', path: '/publish-rules', handler: 'publishRules.find', config: read },
  { method: 'POST', path: '/publish-rules', handler: 'publishRules.create', config: send },
  { method: 'GET', path: '/publish-rules/:id', handler: 'publishRules.findOne', config: read },
  { method: 'PUT', path: '/publish-rules/:id', handler: 'publishRules.update', config: send },
  { method: 'POST', path: '/publish-rules/:id/pause', handler: 'publishRules.pause', config: send },
  { method: 'POST', path: '/publish-rules/:id/resume', handler: 'publishRules.resume', config: send },
  { method: 'GET', path: '/publish-rules/:id/history', handler: 'publishRules.history', config: read },
  { method: 'GET', path: '/publish-rules/:id/preview', handler: 'publishRules.preview', config: read },
];
