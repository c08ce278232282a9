import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { MailingList, SegmentCondition, SubscriberStatus } from '../../../../server/src/contracts';
import { statusLabel } from '../../utils/statusLabels';
import { useT } from '../../utils/useT';
import { CampaignChoice } from './CampaignChoice';
import type { ValueKind } from './segmentFields';

const STATUSES: SubscriberStatus[] = ['pending', 'subscribed', 'unsubscribed', 'bounced', 'complained'];

interface ConditionValueProps {
  kind: ValueKind;
  value: SegmentCondition['value'];
  lists: MailingList[];
  onChange: (value: SegmentCondition['value']) => void;
}

/** The value of a condition, typed into the input its field needs. */
export const ConditionValue = ({ kind, value, lists, onChange }: ConditionValueProps) => {
  const t = useT();
  const label = t('segments.value', 'Value');
  const isBlank = value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
  const text = isBlank ? '' : String(value);
  switch (kind) {
    case 'none':
      return null;
    case 'status':
      return (
        <SingleSelect aria-label={label} size="S" value={text} onChange={(next) => onChange(String(next))}>
          {STATUSES.map((status) => (
            <SingleSelectOption key={status} value={status}>
              {statusLabel(t, status)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      );
    case 'list':
      return (
        <SingleSelect
          aria-label={label}
          size="S"
          value={text}
          placeholder={t('segments.chooseList', 'Choose a list')}
          onChange={(next) => onChange(Number(next))}
        >
          {lists.map((list) => (
            <SingleSelectOption key={list.id} value={String(list.id)}>
              {list.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      );
    case 'campaign':
      return <CampaignChoice value={value} onChange={onChange} />;
    default: {
      const numeric = kind === 'number' || kind === 'days';
      return (
        <Field.Root name="segment-value">
          <Field.Input
            aria-label={kind === 'days' ? t('segments.days', 'Days') : label}
            size="S"
            type={numeric ? 'number' : kind}
            {...(kind === 'days' ? { min: 1, max: 3650 } : {})}
            value={text}
            // An emptied number stays a number (NaN, sent as null) so the input keeps its kind while retyped.
            onChange={(event) =>
              onChange(
                numeric ? Number(event.target.value === '' ? Number.NaN : event.target.value) : event.target.value,
              )
            }
          />
        </Field.Root>
      );
    }
  }
};
