import { Grid } from '@strapi/design-system';
import type { CampaignDraft } from '../../api/campaigns';
import type { ProviderView } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ProviderField } from '../ProviderField';
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
        <ProviderField
          value={draft.provider}
          onChange={(provider) => change('provider', provider)}
          providers={providers}
          disabled={readOnly}
        />
      </Grid.Item>
    </Grid.Root>
  );
};
