import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type {
  CampaignListItem,
  CampaignTemplate,
  MailingList,
  ProviderView,
  PublishRule,
  PublishRuleInput,
} from '../../../../server/src/contracts';
import type { ContentType } from '../../api/content';
import { canSaveDraft, toDraft, toInput, type RuleDraft } from '../../utils/publishRuleDraft';
import { useT } from '../../utils/useT';
import { EditModal } from '../EditModal';
import { ListsField } from '../lists/ListsField';
import { TextField } from '../TextField';
import { RuleConditions } from './RuleConditions';
import { RuleModeFields } from './RuleModeFields';
import { TemplateSelect } from './TemplateSelect';

/** What the rule form chooses from, loaded once by the page. */
export interface RuleChoices {
  /** Collection types with Draft & Publish. */
  types: ContentType[];
  lists: MailingList[];
  providers: ProviderView[];
  templates: CampaignTemplate[];
  campaigns: CampaignListItem[];
}

interface RuleModalProps {
  rule?: PublishRule;
  choices: RuleChoices;
  onSave: (input: PublishRuleInput) => Promise<boolean>;
  trigger: React.ReactNode;
}

export const RuleModal = ({ rule, choices, onSave, trigger }: RuleModalProps) => {
  const t = useT();
  const typeOf = (uid: string) => choices.types.find((type) => type.uid === uid);
  return (
    <EditModal<RuleDraft>
      title={rule ? t('rules.edit', 'Edit the rule') : t('rules.create', 'Create a rule')}
      trigger={trigger}
      initial={() => toDraft(rule)}
      canSave={canSaveDraft}
      onSave={(draft) =>
        onSave(toInput(draft, (field) => typeOf(draft.contentType)?.attributes[field]?.type ?? 'string'))
      }
    >
      {(draft, setDraft) => {
        const change = (next: Partial<RuleDraft>) => setDraft({ ...draft, ...next });
        return (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <TextField
              name="name"
              required
              label={t('field.name', 'Name')}
              value={draft.name}
              onChange={(name) => change({ name })}
            />
            <Field.Root
              name="contentType"
              required
              hint={t('rules.contentTypeHint', 'Collection types with Draft & Publish')}
            >
              <Field.Label>{t('rules.contentType', 'Content type')}</Field.Label>
              <SingleSelect
                value={draft.contentType}
                // A rule keeps its type (the server refuses a change): another type is another rule.
                disabled={Boolean(rule)}
                // Conditions name the old type's fields: a new type starts without them.
                onChange={(uid) => change({ contentType: String(uid), conditions: [] })}
              >
                {choices.types.map((type) => (
                  <SingleSelectOption key={type.uid} value={type.uid}>
                    {type.info.displayName}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
            <RuleConditions
              type={typeOf(draft.contentType)}
              conditions={draft.conditions}
              onChange={(conditions) => change({ conditions })}
            />
            <TemplateSelect
              templates={choices.templates}
              campaigns={choices.campaigns}
              value={draft.template}
              onChange={(template) => change({ template })}
            />
            <ListsField
              name="lists"
              required
              label={t('field.lists', 'Lists')}
              lists={choices.lists}
              value={draft.lists}
              onChange={(lists) => change({ lists })}
            />
            <Field.Root name="provider">
              <Field.Label>{t('field.provider', 'Provider')}</Field.Label>
              <SingleSelect
                value={draft.provider ?? ''}
                onChange={(provider) => change({ provider: provider ? String(provider) : null })}
              >
                <SingleSelectOption value="">
                  {t('field.defaultProvider', 'Default ({name})', {
                    name: choices.providers.find((provider) => provider.isDefault)?.name ?? '—',
                  })}
                </SingleSelectOption>
                {choices.providers.map((provider) => (
                  <SingleSelectOption key={provider.name} value={provider.name}>
                    {provider.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <RuleModeFields draft={draft} onChange={change} />
          </Flex>
        );
      }}
    </EditModal>
  );
};
