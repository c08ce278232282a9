import { Button, Flex, IconButton } from '@strapi/design-system';
import { Bold, BulletList, Cross, HeadingTwo, Italic, Link, Paragraph } from '@strapi/icons';
import { useState, type MouseEvent, type ReactElement } from 'react';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../utils/useT';
import { rangeIn, runCommand } from './selection';

interface ToolbarCommand {
  command: string;
  value?: string;
  icon: ReactElement;
  label: string;
}

// The button keeps the canvas's selection: a mousedown that focused the button would clear it.
const keepSelection = (event: MouseEvent) => event.preventDefault();

/** Bold, italic, heading, paragraph, list, link and "remove formatting" for the text block `id`. */
export const TextToolbar = ({ id, disabled }: { id: string; disabled: boolean }) => {
  const t = useT();
  const [linkRange, setLinkRange] = useState<Range | null>(null);
  const [url, setUrl] = useState('https://');
  const commands: ToolbarCommand[] = [
    { command: 'bold', icon: <Bold />, label: t('visual.block.bold', 'Bold') },
    { command: 'italic', icon: <Italic />, label: t('visual.block.italic', 'Italic') },
    { command: 'formatBlock', value: 'h2', icon: <HeadingTwo />, label: t('visual.block.heading', 'Heading') },
    { command: 'formatBlock', value: 'p', icon: <Paragraph />, label: t('visual.block.paragraph', 'Paragraph') },
    { command: 'insertUnorderedList', icon: <BulletList />, label: t('visual.block.list', 'Bulleted list') },
    { command: 'removeFormat', icon: <Cross />, label: t('visual.block.removeFormat', 'Remove formatting') },
  ];

  const startLink = () => {
    const range = rangeIn(id);
    if (range && !range.collapsed) setLinkRange(range);
  };
  const applyLink = () => {
    if (linkRange && url.trim()) runCommand(id, 'createLink', url.trim(), linkRange);
    setLinkRange(null);
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex gap={1} wrap="wrap" role="toolbar" aria-label={t('visual.block.formatting', 'Formatting')}>
        {commands.map(({ command, value, icon, label }) => (
          <IconButton
            key={`${command}-${value ?? ''}`}
            label={label}
            disabled={disabled}
            onMouseDown={keepSelection}
            onClick={() => runCommand(id, command, value)}
          >
            {icon}
          </IconButton>
        ))}
        <IconButton
          label={t('visual.block.link', 'Link')}
          disabled={disabled}
          onMouseDown={keepSelection}
          onClick={startLink}
        >
          <Link />
        </IconButton>
      </Flex>
      {linkRange ? (
        <Flex gap={2} alignItems="flex-end">
          <TextField name="linkUrl" label={t('visual.block.linkUrl', 'Link address')} value={url} onChange={setUrl} />
          <Button onClick={applyLink}>{t('visual.block.linkApply', 'Apply')}</Button>
          <Button variant="tertiary" onClick={() => setLinkRange(null)}>
            {t('action.cancel', 'Cancel')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
};
