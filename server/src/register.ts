import type { Core } from '@strapi/strapi';
import { publicBodyLimit } from './middlewares/body-limit';
import { webhookRawBody } from './middlewares/webhook-body';
import { trackingFastPath } from './middlewares/tracking-fast-path';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Ahead of Strapi's body parser: an oversized public request is refused before it is read,
  // and a webhook's bytes are kept as they arrived, for its signature.
  strapi.server.use(publicBodyLimit(strapi));
  strapi.server.use(webhookRawBody(strapi));
  // Tracking hits answer from memory, ahead of the whole stack (docs/architecture.md, "Engagement").
  strapi.server.use(trackingFastPath(strapi));
};

export default register;
