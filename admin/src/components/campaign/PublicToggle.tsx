import { useT } from '../../utils/useT';
import { ToggleField } from '../ToggleField';

interface PublicToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled: boolean;
}

/**
 * Whether the campaign is listed in the public archive of its lists (docs/architecture.md,
 * "Engagement"; docs/admin.md, "Campaign editor").
 */
export const PublicToggle = ({ checked, onChange, disabled }: PublicToggleProps) => {
  const t = useT();
  return (
    <ToggleField
      name="public"
      label={t('editor.public', 'Public archive')}
      hint={t(
        'editor.publicHint',
        'Listed in the public archive of its lists and their feeds; shown to anyone without personal data',
      )}
      checked={checked}
      onChange={onChange}
      disabled={disabled}
    />
  );
};
