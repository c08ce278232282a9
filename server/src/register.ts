import type { Core } from '@strapi/strapi';
import { publicBodyLimit } from './middlewares/body-limit';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Ahead of Strapi's body parser: an oversized public request is refused before it is read.
  strapi.server.use(publicBodyLimit(strapi));
};

export default register;
