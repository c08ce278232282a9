import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

// The engagement report is a read, like the campaign's delivery report (docs/architecture.md, "Engagement").
export default [
  {
    method: 'GET',
    path: '/campaigns/:id/engagement',
    handler: 'engagement.report',
    config: requires(ACTIONS.read),
  },
];
