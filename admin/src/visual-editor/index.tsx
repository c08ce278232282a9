/**
 * The visual editor's lazy chunk: imported with `React.lazy` by components/campaign/TemplateEditor.tsx
 * only when the editor page shows the visual view, so no other page of the admin loads it
 * (test/scripts/bundle-size.js measures that).
 */
import type { CampaignEntry } from '../../../server/src/contracts';

export interface VisualEditorProps {
  /** The MJML: the stored truth. The editor calls onChange with the whole new source after each edit. */
  value: string;
  onChange: (mjml: string) => void;
  readOnly: boolean;
  entries: CampaignEntry[];
  onPickEntry: (entry: CampaignEntry, snippet: string) => void;
  onRemoveEntry: (index: number) => void;
  locale: string | null;
  /** Told after each parse of an outside value: why the template cannot be opened, or null when it can. */
  onCannotOpen: (reason: string | null) => void;
  /** Switches the page to the code view (offered where the visual editor cannot help), with the cursor on
   * `line` when given (a raw run's first line). */
  onShowCode: (line?: number) => void;
}

export { VisualEditor as default } from './components/VisualEditor';
