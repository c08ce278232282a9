import { Button, Flex } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import type { FormInput } from '../../../server/src/contracts';
import { useAudienceActions, useForms, useLists } from '../api/audience';
import { FormCard } from '../components/forms/FormCard';
import { FormModal } from '../components/forms/FormModal';
import { ItemsOrEmpty } from '../components/ItemsOrEmpty';
import { PluginPage } from '../components/PluginPage';
import { usePermissions } from '../hooks/usePermissions';
import { useWrite } from '../hooks/useWrite';
import { useT } from '../utils/useT';

export const FormsPage = () => {
  const t = useT();
  const forms = useForms();
  const lists = useLists();
  const actions = useAudienceActions();
  const { canWriteSubscribers } = usePermissions();

  const write = useWrite(() => forms.reload());

  if (forms.error || lists.error) return <Page.Error />;
  if (!forms.data || !lists.data) return <Page.Loading />;

  return (
    <PluginPage
      title={t('forms.title', 'Forms')}
      subtitle={t('forms.subtitle', 'Subscribe forms for your site, with double opt-in')}
      primaryAction={
        canWriteSubscribers ? (
          <FormModal
            lists={lists.data}
            onSave={(input: FormInput) => write(() => actions.forms.create(input), t('forms.created', 'Form created'))}
            trigger={<Button startIcon={<Plus />}>{t('forms.create', 'Create a form')}</Button>}
          />
        ) : undefined
      }
    >
      <ItemsOrEmpty items={forms.data} emptyText={t('forms.empty', 'No form yet.')}>
        {(items) => (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {items.map((form) => (
              <FormCard
                key={form.id}
                form={form}
                lists={lists.data ?? []}
                canWrite={canWriteSubscribers}
                onUpdate={(input) =>
                  write(() => actions.forms.update(form.id, input), t('forms.updated', 'Form saved'))
                }
                onDelete={() => write(() => actions.forms.remove(form.id), t('forms.deleted', 'Form deleted'))}
              />
            ))}
          </Flex>
        )}
      </ItemsOrEmpty>
    </PluginPage>
  );
};
