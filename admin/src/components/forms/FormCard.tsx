import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { FormInput, MailingList, SubscribeFormWithEmbed } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ConfirmAction } from '../ConfirmAction';
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
            <Flex gap={2}>
              <FormModal
                form={form}
                lists={lists}
                onSave={onUpdate}
                trigger={
                  <Button size="S" variant="tertiary">
                    {t('action.edit', 'Edit')}
                  </Button>
                }
              />
              <ConfirmAction
                label={t('action.delete', 'Delete')}
                title={t('forms.deleteTitle', 'Delete the form {name}?', { name: form.name })}
                message={t(
                  'forms.deleteMessage',
                  'Sites that embed it will no longer be able to subscribe people through it.',
                )}
                onConfirm={onDelete}
              />
            </Flex>
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
