import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import type { CampaignListItem, PublishRule, PublishRuleInput } from '../../../server/src/contracts';
import { useLists } from '../api/audience';
import { useCollectionTypes } from '../api/content';
import { useProviders } from '../api/overview';
import { api } from '../api/paths';
import { usePublishRuleActions, usePublishRules } from '../api/publishRules';
import { useTemplates } from '../api/templates';
import { useResource } from '../api/useResource';
import { ItemsOrEmpty } from '../components/ItemsOrEmpty';
import { PluginPage } from '../components/PluginPage';
import { PublishRulesTable } from '../components/publish-rules/PublishRulesTable';
import { RuleModal, type RuleChoices } from '../components/publish-rules/RuleModal';
import { usePermissions } from '../hooks/usePermissions';
import { useWrite } from '../hooks/useWrite';
import { useT } from '../utils/useT';

/** The campaigns a rule may take its content from: the latest hundred. */
const useTemplateCampaigns = () => useResource<CampaignListItem[]>(api('/campaigns?pageSize=100'));

export const PublishRulesPage = () => {
  const t = useT();
  const rules = usePublishRules();
  const lists = useLists();
  const providers = useProviders();
  const templates = useTemplates();
  const campaigns = useTemplateCampaigns();
  const { types, error: typesError } = useCollectionTypes(true);
  const actions = usePublishRuleActions();
  // A rule sends campaigns on its own: writing one takes the right to send them.
  const { canSendCampaigns } = usePermissions();
  const write = useWrite(() => rules.reload());

  if (rules.error || lists.error || providers.error || templates.error || campaigns.error || typesError)
    return <Page.Error />;
  if (!lists.data || !providers.data || !templates.data || !campaigns.data || !types) return <Page.Loading />;

  const choices: RuleChoices = {
    types: types.filter((type) => type.options?.draftAndPublish),
    lists: lists.data,
    providers: providers.data,
    templates: templates.data,
    campaigns: campaigns.data,
  };
  const pauseOrResume = (rule: PublishRule) =>
    rule.paused
      ? write(() => actions.resume(rule.id), t('rules.resumed', 'Rule resumed'))
      : write(() => actions.pause(rule.id), t('rules.pausedToast', 'Rule paused: it records and sends nothing'));

  return (
    <PluginPage
      title={t('rules.title', 'Publish rules')}
      subtitle={t('rules.subtitle', 'Campaigns made from your content when it is published')}
      primaryAction={
        canSendCampaigns ? (
          <RuleModal
            choices={choices}
            onSave={(input: PublishRuleInput) => write(() => actions.create(input), t('rules.created', 'Rule created'))}
            trigger={<Button startIcon={<Plus />}>{t('rules.create', 'Create a rule')}</Button>}
          />
        ) : undefined
      }
    >
      <ItemsOrEmpty
        items={rules.data}
        emptyText={t('rules.empty', 'No publish rule yet: create one to send new entries to your lists.')}
      >
        {(items) => (
          <PublishRulesTable
            rules={items}
            choices={choices}
            canWrite={canSendCampaigns}
            onUpdate={(rule, input) => write(() => actions.update(rule.id, input), t('rules.updated', 'Rule saved'))}
            onPauseOrResume={pauseOrResume}
          />
        )}
      </ItemsOrEmpty>
    </PluginPage>
  );
};
