import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

// Listing needs `read`; saving and deleting a template is editing campaigns' content.
export default [
  { method: 'GET', path: '/templates', handler: 'templates.find', config: requires(ACTIONS.read) },
  { method: 'POST', path: '/templates', handler: 'templates.create', config: requires(ACTIONS.campaignsWrite) },
  { method: 'GET', path: '/composer', handler: 'composer.settings', config: requires(ACTIONS.read) },
  { method: 'DELETE', path: '/templates/:id', handler: 'templates.delete', config: requires(ACTIONS.campaignsWrite) },
];
