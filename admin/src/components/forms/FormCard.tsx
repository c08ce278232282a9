import { Typography } from '@strapi/design-system';
import type { FormInput, MailingList, SubscribeFormWithEmbed } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { EditAndDeleteActions } from '../EditAndDeleteActions';
import { SectionCard } from '../SectionCard';
import { EmbedSnippet } from './EmbedSnippet';
import { FormModal } from './FormModal';

interface FormCardProps {
  form: SubscribeFormWithEmbed;
  lists: MailingList[];
  canWrite: boolean;
  onUpdate: (input: FormInput) => Promise<boolean>;
  onDelete: () => Promise<unknown>;
}

export const FormCard = ({ form, lists, canWrite, onUpdate, onDelete }: FormCardProps) => {
  const t = useT();
  return (
    <SectionCard
      title={form.name}
      gap={3}
      data-testid={`form-${form.slug}`}
      actions={
        canWrite ? (
          <EditAndDeleteActions
            editModal={(trigger) => <FormModal form={form} lists={lists} onSave={onUpdate} trigger={trigger} />}
            deleteTitle={t('forms.deleteTitle', 'Delete the form {name}?', { name: form.name })}
            deleteMessage={t(
              'forms.deleteMessage',
              'Sites that embed it will no longer be able to subscribe people through it.',
            )}
            onDelete={onDelete}
          />
        ) : null
      }
    >
      <Typography textColor="neutral600">
        {t('forms.signsUpTo', 'Signs people up to: {lists}', {
          lists: form.lists.map((list) => list.name).join(', ') || '—',
        })}
      </Typography>
      <EmbedSnippet html={form.embed.html} hostedUrl={form.embed.hostedUrl} />
    </SectionCard>
  );
};
