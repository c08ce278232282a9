import { Mail } from '@strapi/icons';

export const PluginIcon = () => <Mail />;
