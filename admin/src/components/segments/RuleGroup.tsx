import { Box, Button, Checkbox, Flex, IconButton, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import type { MailingList, SegmentCondition, SegmentGroup } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ConditionRow } from './ConditionRow';
import { conditionFor, isGroup } from './segmentFields';

interface RuleGroupProps {
  group: SegmentGroup;
  lists: MailingList[];
  onChange: (group: SegmentGroup) => void;
  /** Absent on the top group, which cannot be removed. */
  onRemove?: () => void;
  depth?: number;
}

/** An AND/OR group of conditions and nested groups, optionally negated; groups nest without limit. */
export const RuleGroup = ({ group, lists, onChange, onRemove, depth = 0 }: RuleGroupProps) => {
  const t = useT();
  const replaceAt = (index: number, item: SegmentCondition | SegmentGroup) =>
    onChange({ ...group, conditions: group.conditions.map((current, i) => (i === index ? item : current)) });
  const removeAt = (index: number) =>
    onChange({ ...group, conditions: group.conditions.filter((_, i) => i !== index) });
  const add = (item: SegmentCondition | SegmentGroup) =>
    onChange({ ...group, conditions: [...group.conditions, item] });

  return (
    <Box
      padding={3}
      hasRadius
      borderColor={group.not ? 'danger200' : 'neutral200'}
      background={depth % 2 === 0 ? 'neutral0' : 'neutral100'}
      data-testid="segment-group"
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={3} alignItems="center" wrap="wrap">
          <SingleSelect
            aria-label={t('segments.match', 'Match')}
            size="S"
            value={group.match}
            onChange={(match) => onChange({ ...group, match: match === 'any' ? 'any' : 'all' })}
          >
            <SingleSelectOption value="all">{t('segments.matchAll', 'All of these (AND)')}</SingleSelectOption>
            <SingleSelectOption value="any">{t('segments.matchAny', 'Any of these (OR)')}</SingleSelectOption>
          </SingleSelect>
          <Checkbox
            checked={Boolean(group.not)}
            onCheckedChange={(checked: boolean | 'indeterminate') => onChange({ ...group, not: checked === true })}
          >
            {t('segments.not', 'NOT: exclude the people this group matches')}
          </Checkbox>
          {onRemove ? (
            <IconButton label={t('segments.removeGroup', 'Remove this group')} variant="ghost" onClick={onRemove}>
              <Trash />
            </IconButton>
          ) : null}
        </Flex>
        {group.conditions.map((item, index) =>
          isGroup(item) ? (
            <RuleGroup
              key={index}
              group={item}
              lists={lists}
              depth={depth + 1}
              onChange={(next) => replaceAt(index, next)}
              onRemove={() => removeAt(index)}
            />
          ) : (
            <ConditionRow
              key={index}
              condition={item}
              lists={lists}
              onChange={(next) => replaceAt(index, next)}
              onRemove={() => removeAt(index)}
            />
          ),
        )}
        <Flex gap={2}>
          <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={() => add(conditionFor('status'))}>
            {t('segments.addCondition', 'Add a condition')}
          </Button>
          <Button
            variant="tertiary"
            size="S"
            startIcon={<Plus />}
            onClick={() => add({ match: 'any', conditions: [conditionFor('status')] })}
          >
            {t('segments.addGroup', 'Add a group')}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
};
