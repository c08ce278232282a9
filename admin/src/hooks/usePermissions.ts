import { useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';

/**
 * What the user may do in the plugin. One useRBAC call per action: Strapi names allowed actions
 * after the last segment, so campaigns.write and subscribers.write would both be `canWrite`.
 */
export function usePermissions() {
  const campaignsWrite = useRBAC(PERMISSIONS.campaignsWrite);
  const campaignsSend = useRBAC(PERMISSIONS.campaignsSend);
  const subscribersWrite = useRBAC(PERMISSIONS.subscribersWrite);
  const settings = useRBAC(PERMISSIONS.settings);
  const subscribersExport = useRBAC(PERMISSIONS.subscribersExport);
  return {
    isLoading:
      campaignsWrite.isLoading ||
      campaignsSend.isLoading ||
      subscribersWrite.isLoading ||
      settings.isLoading ||
      subscribersExport.isLoading,
    canWriteCampaigns: Boolean(campaignsWrite.allowedActions.canWrite),
    canSendCampaigns: Boolean(campaignsSend.allowedActions.canSend),
    canWriteSubscribers: Boolean(subscribersWrite.allowedActions.canWrite),
    canManageSettings: Boolean(settings.allowedActions.canSettings),
    canExportSubscribers: Boolean(subscribersExport.allowedActions.canExport),
  };
}
