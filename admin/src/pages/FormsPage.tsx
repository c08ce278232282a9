import { Button, EmptyStateLayout, Flex } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useAudienceActions, useForms, useLists } from '../api/audience';
import type { FormInput } from '../../../server/src/contracts';
import { FormCard } from '../components/forms/FormCard';
import { FormModal } from '../components/forms/FormModal';
import { useWrite } from '../hooks/useWrite';
import { usePermissions } from '../hooks/usePermissions';
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
    <Page.Main>
      <Page.Title>{t('forms.title', 'Forms')}</Page.Title>
      <Layouts.Header
        title={t('forms.title', 'Forms')}
        subtitle={t('forms.subtitle', 'Subscribe forms for your site, with double opt-in')}
        primaryAction={
          canWriteSubscribers ? (
            <FormModal
              lists={lists.data}
              onSave={(input: FormInput) =>
                write(() => actions.forms.create(input), t('forms.created', 'Form created'))
              }
              trigger={<Button startIcon={<Plus />}>{t('forms.create', 'Create a form')}</Button>}
            />
          ) : undefined
        }
      />
      <Layouts.Content>
        {forms.data.length === 0 ? (
          <EmptyStateLayout content={t('forms.empty', 'No form yet.')} />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {forms.data.map((form) => (
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
      </Layouts.Content>
    </Page.Main>
  );
};
