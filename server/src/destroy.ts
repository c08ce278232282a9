import type { Core } from '@strapi/strapi';

const destroy = async (_: { strapi: Core.Strapi }) => {};

export default destroy;
