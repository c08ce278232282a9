import { Box, Flex, Typography } from '@strapi/design-system';
import type { FormInput, MailingList, SubscribeFormWithEmbed } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { EditAndDeleteActions } from '../EditAndDeleteActions';
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
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius data-testid={`form-${form.slug}`}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between">
          <Typography variant="delta" tag="h2">
            {form.name}
          </Typography>
          {canWrite ? (
            <EditAndDeleteActions
              editModal={(trigger) => <FormModal form={form} lists={lists} onSave={onUpdate} trigger={trigger} />}
              deleteTitle={t('forms.deleteTitle', 'Delete the form {name}?', { name: form.name })}
              deleteMessage={t(
                'forms.deleteMessage',
                'Sites that embed it will no longer be able to subscribe people through it.',
              )}
              onDelete={onDelete}
            />
          ) : null}
        </Flex>
        <Typography textColor="neutral600">
          {t('forms.signsUpTo', 'Signs people up to: {lists}', {
            lists: form.lists.map((list) => list.name).join(', ') || '—',
          })}
        </Typography>
        <EmbedSnippet html={form.embed.html} hostedUrl={form.embed.hostedUrl} />
      </Flex>
    </Box>
  );
};
