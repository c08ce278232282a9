import { Field, Grid, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { CampaignDraft } from '../../api/campaigns';
import type { ProviderView } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { TextField } from '../TextField';

interface CampaignFieldsProps {
  draft: CampaignDraft;
  change: <K extends keyof CampaignDraft>(field: K, value: CampaignDraft[K]) => void;
  providers: ProviderView[];
  readOnly: boolean;
}

type TextFieldName = 'name' | 'subject' | 'preheader' | 'fromName' | 'fromEmail' | 'replyTo';

interface TextFieldSpec {
  name: TextFieldName;
  label: string;
  /** Of the grid's 12 columns, on wide screens; a field takes the whole row on small ones. */
  col: number;
  hint?: string;
  type?: 'email';
  required?: boolean;
}

export const CampaignFields = ({ draft, change, providers, readOnly }: CampaignFieldsProps) => {
  const t = useT();
  const defaultProvider = providers.find((provider) => provider.isDefault)?.name;
  const textFields: TextFieldSpec[] = [
    { name: 'name', label: t('field.name', 'Name'), col: 6, required: true },
    {
      name: 'subject',
      label: t('field.subject', 'Subject'),
      col: 6,
      hint: t('field.subjectHint', 'Merge tags work here too'),
    },
    {
      name: 'preheader',
      label: t('field.preheader', 'Preheader'),
      col: 12,
      hint: t('field.preheaderHint', 'The line inboxes show after the subject'),
    },
    { name: 'fromName', label: t('field.fromName', 'Sender name'), col: 4 },
    {
      name: 'fromEmail',
      label: t('field.fromEmail', 'Sender address'),
      col: 4,
      type: 'email',
      hint: t('field.fromEmailHint', "Empty: the provider's from address"),
    },
    { name: 'replyTo', label: t('field.replyTo', 'Reply-to'), col: 4, type: 'email' },
  ];
  return (
    <Grid.Root gap={4}>
      {textFields.map(({ name, col, ...field }) => (
        <Grid.Item key={name} col={col} s={12} direction="column" alignItems="stretch">
          <TextField
            name={name}
            {...field}
            value={draft[name] ?? ''}
            onChange={(value) => change(name, value)}
            disabled={readOnly}
          />
        </Grid.Item>
      ))}
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root name="provider">
          <Field.Label>{t('field.provider', 'Provider')}</Field.Label>
          <SingleSelect
            value={draft.provider ?? ''}
            onChange={(value) => change('provider', value ? String(value) : null)}
            disabled={readOnly}
          >
            <SingleSelectOption value="">
              {t('field.defaultProvider', 'Default ({name})', { name: defaultProvider ?? '—' })}
            </SingleSelectOption>
            {providers.map((provider) => (
              <SingleSelectOption key={provider.name} value={provider.name}>
                {provider.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Grid.Item>
    </Grid.Root>
  );
};
