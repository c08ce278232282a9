import { Button, Flex, Status, Td, Tr, Typography } from '@strapi/design-system';
import type { PublishRule, PublishRuleInput } from '../../../../server/src/contracts';
import { dateTime, describeMode } from '../../utils/publishRuleLabels';
import { useT } from '../../utils/useT';
import { DataTable, TextCell } from '../DataTable';
import { DigestPreviewModal } from './DigestPreviewModal';
import { RuleHistoryModal } from './RuleHistoryModal';
import { RuleModal, type RuleChoices } from './RuleModal';

interface PublishRulesTableProps {
  rules: PublishRule[];
  choices: RuleChoices;
  canWrite: boolean;
  onUpdate: (rule: PublishRule, input: PublishRuleInput) => Promise<boolean>;
  onPauseOrResume: (rule: PublishRule) => Promise<boolean>;
}

export const PublishRulesTable = ({ rules, choices, canWrite, onUpdate, onPauseOrResume }: PublishRulesTableProps) => {
  const t = useT();
  const headers = [
    t('rules.nameAndType', 'Name and content type'),
    t('rules.mode', 'Mode'),
    t('rules.audience', 'Audience'),
    t('field.status', 'Status'),
    t('field.actions', 'Actions'),
  ];
  const typeName = (uid: string) => choices.types.find((type) => type.uid === uid)?.info.displayName ?? uid;
  const listNames = (ids: number[]) =>
    ids.map((id) => choices.lists.find((list) => list.id === id)?.name ?? `#${id}`).join(', ');
  return (
    <DataTable headers={headers} rowCount={rules.length} data-testid="publish-rules">
      {rules.map((rule) => (
        <Tr key={rule.id} data-testid="rule-row" data-rule={rule.name}>
          <Td>
            <Typography fontWeight="bold" tag="p">
              {rule.name}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {typeName(rule.contentType)}
            </Typography>
          </Td>
          <Td>
            <Typography variant="pi" tag="p">
              {describeMode(t, rule)}
            </Typography>
            {rule.nextDigestAt ? (
              <Typography variant="pi" textColor="neutral600" data-testid="next-digest">
                {t('rules.nextDigestAt', 'Next: {at}', { at: dateTime(rule.nextDigestAt) })}
              </Typography>
            ) : null}
          </Td>
          <TextCell>{listNames(rule.lists)}</TextCell>
          <Td>
            <Status variant={rule.paused ? 'warning' : 'success'} size="S" data-testid="rule-state">
              <Typography fontWeight="bold" textColor={rule.paused ? 'warning700' : 'success700'}>
                {rule.paused ? t('rules.paused', 'Paused') : t('rules.active', 'Active')}
              </Typography>
            </Status>
          </Td>
          <Td>
            <Flex gap={2}>
              <RuleHistoryModal rule={rule} />
              {rule.mode === 'digest' ? <DigestPreviewModal rule={rule} /> : null}
              {canWrite ? (
                <>
                  <RuleModal
                    rule={rule}
                    choices={choices}
                    onSave={(input) => onUpdate(rule, input)}
                    trigger={
                      <Button size="S" variant="tertiary">
                        {t('action.edit', 'Edit')}
                      </Button>
                    }
                  />
                  <Button size="S" variant="secondary" onClick={() => onPauseOrResume(rule)}>
                    {rule.paused ? t('rules.resume', 'Resume') : t('rules.pause', 'Pause')}
                  </Button>
                </>
              ) : null}
            </Flex>
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
};
