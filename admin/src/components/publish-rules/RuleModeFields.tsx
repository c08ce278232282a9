import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { PublishRuleEachAction, PublishRuleMode } from '../../../../server/src/contracts';
import type { RuleDraft } from '../../utils/publishRuleDraft';
import { useT } from '../../utils/useT';
import { TextField } from '../TextField';
import { DigestScheduleFields } from './DigestScheduleFields';

interface RuleModeFieldsProps {
  draft: RuleDraft;
  onChange: (next: Partial<RuleDraft>) => void;
}

/**
 * "Each": one campaign per entry, sent at once, after a delay or left as a draft; "digest": the
 * period's entries on a schedule.
 */
export const RuleModeFields = ({ draft, onChange }: RuleModeFieldsProps) => {
  const t = useT();
  const modes: Array<[PublishRuleMode, string]> = [
    ['each', t('rules.modeEach', 'A campaign for each published entry')],
    ['digest', t('rules.modeDigest', 'A digest of the entries, on a schedule')],
  ];
  const actions: Array<[PublishRuleEachAction, string]> = [
    ['send', t('rules.eachSend', 'Send at once')],
    ['delay', t('rules.eachDelay', 'Send after a delay')],
    ['draft', t('rules.eachDraft', 'Leave a draft for review')],
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Field.Root name="mode">
        <Field.Label>{t('rules.mode', 'Mode')}</Field.Label>
        <SingleSelect value={draft.mode} onChange={(mode) => onChange({ mode: mode as PublishRuleMode })}>
          {modes.map(([value, label]) => (
            <SingleSelectOption key={value} value={value}>
              {label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {draft.mode === 'each' ? (
        <Flex gap={4} alignItems="flex-start">
          <Field.Root name="eachAction">
            <Field.Label>{t('rules.eachAction', 'The campaign')}</Field.Label>
            <SingleSelect
              value={draft.eachAction}
              onChange={(eachAction) => onChange({ eachAction: eachAction as PublishRuleEachAction })}
            >
              {actions.map(([value, label]) => (
                <SingleSelectOption key={value} value={value}>
                  {label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          {draft.eachAction === 'delay' ? (
            <TextField
              name="delayMinutes"
              type="number"
              label={t('rules.delayMinutes', 'Minutes after the publish')}
              value={draft.delayMinutes}
              onChange={(delayMinutes) => onChange({ delayMinutes })}
            />
          ) : null}
        </Flex>
      ) : (
        <DigestScheduleFields schedule={draft.digest} onChange={(digest) => onChange({ digest })} />
      )}
    </Flex>
  );
};
