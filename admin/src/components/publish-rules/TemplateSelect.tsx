import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { CampaignListItem, CampaignTemplate } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

interface TemplateSelectProps {
  templates: CampaignTemplate[];
  campaigns: CampaignListItem[];
  value: string;
  onChange: (value: string) => void;
}

/** A starter keeps its key; a saved template is `template:<id>`, a campaign `campaign:<id>`, as the API reads them. */
export const templateValue = (template: CampaignTemplate) =>
  template.starter ? template.key : `template:${template.id}`;

/** Where a rule's message comes from: a starter, a saved template, or an existing campaign's content. */
export const TemplateSelect = ({ templates, campaigns, value, onChange }: TemplateSelectProps) => {
  const t = useT();
  const options = [
    ...templates.map((template) => ({
      value: templateValue(template),
      label: template.starter
        ? t('rules.templateStarter', 'Starter: {name}', { name: template.name })
        : t('rules.templateSaved', 'Template: {name}', { name: template.name }),
    })),
    ...campaigns.map((campaign) => ({
      value: `campaign:${campaign.id}`,
      label: t('rules.templateCampaign', 'Campaign: {name}', { name: campaign.name }),
    })),
  ];
  return (
    <Field.Root
      name="template"
      required
      hint={t('rules.templateHint', 'Its MJML reaches the entry as {entry} and a digest’s as {entries}', {
        entry: '{{ entry.title }}',
        entries: '{% for e in entries %}',
      })}
    >
      <Field.Label>{t('rules.template', 'Template')}</Field.Label>
      <SingleSelect value={value} onChange={(next) => onChange(String(next))}>
        {options.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
    </Field.Root>
  );
};
