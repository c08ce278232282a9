import { Flex, Typography } from '@strapi/design-system';
import type { Dispatch, SetStateAction } from 'react';
import type { MailingList, SegmentInput } from '../../../../server/src/contracts';
import { useLiveSegmentCount } from '../../hooks/useLiveSegmentCount';
import { useT } from '../../utils/useT';
import { TextField } from '../TextField';
import { LiveCount } from './LiveCount';
import { RuleGroup } from './RuleGroup';

interface SegmentFormProps {
  input: SegmentInput;
  setInput: Dispatch<SetStateAction<SegmentInput>>;
  lists: MailingList[];
}

/** Name, description and the rule builder, with the number of people the rules select as they change. */
export const SegmentForm = ({ input, setInput, lists }: SegmentFormProps) => {
  const t = useT();
  const live = useLiveSegmentCount(input.rules);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <TextField
        name="name"
        label={t('field.name', 'Name')}
        required
        value={input.name}
        onChange={(name) => setInput((current) => ({ ...current, name }))}
      />
      <TextField
        name="description"
        label={t('field.description', 'Description')}
        value={input.description ?? ''}
        onChange={(description) => setInput((current) => ({ ...current, description }))}
      />
      <Typography variant="sigma" tag="h3">
        {t('segments.rules', 'Who is in it')}
      </Typography>
      <RuleGroup
        group={input.rules}
        lists={lists}
        onChange={(rules) => setInput((current) => ({ ...current, rules }))}
      />
      <LiveCount {...live} />
    </Flex>
  );
};
