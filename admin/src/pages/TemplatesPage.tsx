import { Button, Flex } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { useTemplateActions, useTemplates } from '../api/templates';
import { ConfirmAction } from '../components/ConfirmAction';
import { PluginPage } from '../components/PluginPage';
import { TemplateCard } from '../components/templates/TemplateCard';
import { usePermissions } from '../hooks/usePermissions';
import { useWrite } from '../hooks/useWrite';
import { ROUTES } from '../utils/routes';
import { useT } from '../utils/useT';

/** The starters and the saved templates, each one click away from a new campaign. */
export const TemplatesPage = () => {
  const t = useT();
  const templates = useTemplates();
  const actions = useTemplateActions();
  const { canWriteCampaigns } = usePermissions();
  const write = useWrite(() => templates.reload());

  if (templates.error) return <Page.Error />;
  if (!templates.data) return <Page.Loading />;

  return (
    <PluginPage
      title={t('templates.title', 'Templates')}
      subtitle={t('templates.subtitle', 'Start a campaign from a design; save any campaign as one from its editor')}
    >
      <Flex wrap="wrap" gap={4} alignItems="flex-start">
        {templates.data.map((template) => (
          <TemplateCard
            key={template.key}
            template={template}
            actions={
              <>
                {canWriteCampaigns ? (
                  <Button tag={RouterLink} to={ROUTES.newCampaignFrom(template.key)} size="S">
                    {t('templates.use', 'Start a campaign')}
                  </Button>
                ) : null}
                {canWriteCampaigns && template.id !== null ? (
                  <ConfirmAction
                    label={t('action.delete', 'Delete')}
                    title={t('templates.deleteTitle', 'Delete this template?')}
                    message={t('templates.deleteMessage', 'Campaigns started from it keep their content.')}
                    onConfirm={() =>
                      write(() => actions.remove(template.id as number), t('templates.deleted', 'Template deleted'))
                    }
                  />
                ) : null}
              </>
            }
          />
        ))}
      </Flex>
    </PluginPage>
  );
};
