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

export const CampaignFields = ({ draft, change, providers, readOnly }: CampaignFieldsProps) => {
  const t = useT();
  const defaultProvider = providers.find((provider) => provider.isDefault)?.name;
  const text = (field: 'name' | 'subject' | 'preheader' | 'fromName' | 'fromEmail' | 'replyTo') => (value: string) =>
    change(field, value);
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <TextField
          name="name"
          label={t('field.name', 'Name')}
          value={draft.name}
          onChange={text('name')}
          required
          disabled={readOnly}
        />
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <TextField
          name="subject"
          label={t('field.subject', 'Subject')}
          value={draft.subject ?? ''}
          onChange={text('subject')}
          hint={t('field.subjectHint', 'Merge tags work here too')}
          disabled={readOnly}
        />
      </Grid.Item>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <TextField
          name="preheader"
          label={t('field.preheader', 'Preheader')}
          value={draft.preheader ?? ''}
          onChange={text('preheader')}
          hint={t('field.preheaderHint', 'The line inboxes show after the subject')}
          disabled={readOnly}
        />
      </Grid.Item>
      <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
        <TextField
          name="fromName"
          label={t('field.fromName', 'Sender name')}
          value={draft.fromName ?? ''}
          onChange={text('fromName')}
          disabled={readOnly}
        />
      </Grid.Item>
      <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
        <TextField
          name="fromEmail"
          type="email"
          label={t('field.fromEmail', 'Sender address')}
          value={draft.fromEmail ?? ''}
          onChange={text('fromEmail')}
          hint={t('field.fromEmailHint', "Empty: the provider's from address")}
          disabled={readOnly}
        />
      </Grid.Item>
      <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
        <TextField
          name="replyTo"
          type="email"
          label={t('field.replyTo', 'Reply-to')}
          value={draft.replyTo ?? ''}
          onChange={text('replyTo')}
          disabled={readOnly}
        />
      </Grid.Item>
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
