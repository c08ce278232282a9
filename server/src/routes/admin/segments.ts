import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

const read = requires(ACTIONS.read);
const write = requires(ACTIONS.subscribersWrite);

// Reads and counts need `read`; saving segments needs `subscribers.write`. A bulk action checks its
// own right in the controller: `subscribers.export` for an export, `subscribers.write` otherwise.
export default [
  { method: 'GET', path: '/segments', handler: 'segments.find', config: read },
  { method: 'POST', path: '/segments', handler: 'segments.create', config: write },
  { method: 'POST', path: '/segments/count', handler: 'segments.count', config: read },
  { method: 'GET', path: '/segments/:id', handler: 'segments.findOne', config: read },
  { method: 'GET', path: '/segments/:id/count', handler: 'segments.countSaved', config: read },
  { method: 'PUT', path: '/segments/:id', handler: 'segments.update', config: write },
  { method: 'DELETE', path: '/segments/:id', handler: 'segments.delete', config: write },
  { method: 'POST', path: '/subscribers/bulk', handler: 'segments.bulk', config: read },
];
