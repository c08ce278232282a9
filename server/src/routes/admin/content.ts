import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

// Putting entries into a campaign is editing its content; the controller also asks the Content Manager's read.
export default [
  { method: 'POST', path: '/content/entries', handler: 'content.entries', config: requires(ACTIONS.campaignsWrite) },
];
