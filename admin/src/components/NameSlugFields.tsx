import { useState } from 'react';
import { slugify } from '../utils/slugify';
import { useT } from '../utils/useT';
import { TextField } from './TextField';

interface NameSlugFieldsProps {
  name: string;
  slug: string;
  /** A new entity's slug follows its name until someone edits the slug itself. */
  deriveSlug: boolean;
  slugHint?: string;
  onChange: (next: { name: string; slug: string }) => void;
}

/** The name and slug of a list or a form. Modal content remounts on open, which resets `derive`. */
export const NameSlugFields = ({ name, slug, deriveSlug, slugHint, onChange }: NameSlugFieldsProps) => {
  const t = useT();
  const [derive, setDerive] = useState(deriveSlug);
  return (
    <>
      <TextField
        name="name"
        label={t('field.name', 'Name')}
        required
        value={name}
        onChange={(next) => onChange({ name: next, slug: derive ? slugify(next) : slug })}
      />
      <TextField
        name="slug"
        label={t('field.slug', 'Slug')}
        hint={slugHint}
        required
        value={slug}
        onChange={(next) => {
          setDerive(false);
          onChange({ name, slug: next });
        }}
      />
    </>
  );
};
