export const PLUGIN_ID = 'email-campaigns';
