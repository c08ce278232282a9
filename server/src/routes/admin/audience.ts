import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

const read = requires(ACTIONS.read);
const write = requires(ACTIONS.subscribersWrite);
// Super Admin holds every action; other roles only once an admin grants this one (README, upgrading).
const exports = requires(ACTIONS.subscribersExport);

/** Admin API of subscribers, lists, forms, imports and exports. */
export default [
  { method: 'GET', path: '/subscribers', handler: 'subscribers.find', config: read },
  { method: 'POST', path: '/subscribers', handler: 'subscribers.create', config: write },
  { method: 'GET', path: '/subscribers/export', handler: 'imports.exportCsv', config: exports },
  { method: 'POST', path: '/subscribers/import', handler: 'imports.start', config: write },
  { method: 'GET', path: '/subscribers/imports/:id', handler: 'imports.progress', config: write },
  { method: 'GET', path: '/subscribers/:id', handler: 'subscribers.findOne', config: read },
  { method: 'PUT', path: '/subscribers/:id', handler: 'subscribers.update', config: write },
  { method: 'DELETE', path: '/subscribers/:id', handler: 'subscribers.erase', config: write },
  { method: 'GET', path: '/subscribers/:id/export', handler: 'subscribers.exportData', config: exports },

  { method: 'GET', path: '/lists', handler: 'lists.find', config: read },
  { method: 'POST', path: '/lists', handler: 'lists.create', config: write },
  { method: 'GET', path: '/lists/:id', handler: 'lists.findOne', config: read },
  { method: 'PUT', path: '/lists/:id', handler: 'lists.update', config: write },
  { method: 'DELETE', path: '/lists/:id', handler: 'lists.delete', config: write },

  { method: 'GET', path: '/forms', handler: 'forms.find', config: read },
  { method: 'POST', path: '/forms', handler: 'forms.create', config: write },
  { method: 'GET', path: '/forms/:id', handler: 'forms.findOne', config: read },
  { method: 'PUT', path: '/forms/:id', handler: 'forms.update', config: write },
  { method: 'DELETE', path: '/forms/:id', handler: 'forms.delete', config: write },
];
