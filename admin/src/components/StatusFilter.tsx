import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { statusLabel, type AnyStatus } from '../utils/statusLabels';
import { useT } from '../utils/useT';

/** A select of statuses, with "all" first. */
export function StatusFilter<S extends AnyStatus>({
  statuses,
  value,
  onChange,
  label,
}: {
  statuses: readonly S[];
  value: S | '';
  onChange: (value: S | '') => void;
  label: string;
}) {
  const t = useT();
  return (
    <SingleSelect aria-label={label} value={value} onChange={(next) => onChange(String(next) as S | '')} size="S">
      <SingleSelectOption value="">{t('filter.allStatuses', 'All statuses')}</SingleSelectOption>
      {statuses.map((status) => (
        <SingleSelectOption key={status} value={status}>
          {statusLabel(t, status)}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
}
