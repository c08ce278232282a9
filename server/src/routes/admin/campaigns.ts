import { ACTIONS } from '../../constants';
import { requires } from '../../permissions';

const route = (method: string, path: string, handler: string, action: string) => ({
  method,
  path: `/campaigns${path}`,
  handler: `campaigns.${handler}`,
  config: requires(action),
});

// Reads need `read`; content needs `campaigns.write`, and so does any preview of template source
// sent in the request (a preview of a saved campaign as saved needs only `read`: the controller
// checks its body); anything that sends, or stops sending, needs `campaigns.send`.
export default [
  route('GET', '', 'find', ACTIONS.read),
  route('POST', '', 'create', ACTIONS.campaignsWrite),
  route('POST', '/preview', 'preview', ACTIONS.campaignsWrite),
  // The site's i18n locales, for language versions: readers need them without i18n's own permission.
  route('GET', '/locales', 'locales', ACTIONS.read),
  route('GET', '/:id', 'findOne', ACTIONS.read),
  route('PUT', '/:id', 'update', ACTIONS.campaignsWrite),
  route('DELETE', '/:id', 'delete', ACTIONS.campaignsWrite),
  route('POST', '/:id/duplicate', 'duplicate', ACTIONS.campaignsWrite),
  route('POST', '/:id/preview', 'previewSaved', ACTIONS.read),
  route('GET', '/:id/report', 'report', ACTIONS.read),
  route('GET', '/:id/deliveries', 'deliveries', ACTIONS.read),
  route('POST', '/:id/schedule', 'schedule', ACTIONS.campaignsSend),
  route('POST', '/:id/send', 'send', ACTIONS.campaignsSend),
  route('POST', '/:id/pause', 'pause', ACTIONS.campaignsSend),
  route('POST', '/:id/resume', 'resume', ACTIONS.campaignsSend),
  route('POST', '/:id/cancel', 'cancel', ACTIONS.campaignsSend),
  route('POST', '/:id/resend', 'resend', ACTIONS.campaignsSend),
  route('POST', '/:id/test', 'testSend', ACTIONS.campaignsSend),
];
