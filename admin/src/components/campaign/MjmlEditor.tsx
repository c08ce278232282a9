import { xml } from '@codemirror/lang-xml';
import { Box } from '@strapi/design-system';
import { EditorView, basicSetup } from 'codemirror';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

export interface MjmlEditorHandle {
  /** Puts the cursor at the start of `line` (1-based) and scrolls to it. */
  jumpTo(line: number): void;
  /** Inserts `text` at the cursor, or before `</mj-body>` when the editor was never focused. */
  insert(text: string): void;
}

interface MjmlEditorProps {
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  label: string;
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', border: '1px solid #dcdce4', borderRadius: '4px', backgroundColor: '#ffffff' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
    minHeight: '420px',
    maxHeight: '640px',
  },
  '&.cm-focused': { outline: '2px solid #4945ff' },
});

/** The MJML source in CodeMirror 6 with XML highlighting, line numbers and tag completion. */
export const MjmlEditor = forwardRef<MjmlEditorHandle, MjmlEditorProps>(
  ({ value, onChange, readOnly = false, label }, ref) => {
    const parent = useRef<HTMLDivElement>(null);
    const view = useRef<EditorView>();
    const onChangeRef = useRef(onChange);
    onChangeRef.current = onChange;

    // Rebuilt only when editability changes; text changes flow through dispatch below.
    useEffect(() => {
      const editor = new EditorView({
        doc: value,
        parent: parent.current as HTMLDivElement,
        extensions: [
          basicSetup,
          xml(),
          theme,
          EditorView.lineWrapping,
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      });
      view.current = editor;
      return () => editor.destroy();
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [readOnly, label]);

    // A value set from outside (a loaded campaign, the starter template) replaces the text.
    useEffect(() => {
      const editor = view.current;
      if (editor && editor.state.doc.toString() !== value) {
        editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
      }
    }, [value]);

    useImperativeHandle(ref, () => ({
      jumpTo(line: number) {
        const editor = view.current;
        if (!editor) return;
        const target = editor.state.doc.line(Math.min(Math.max(1, line), editor.state.doc.lines));
        editor.dispatch({ selection: { anchor: target.from, head: target.to }, scrollIntoView: true });
        editor.focus();
      },
      insert(text: string) {
        const editor = view.current;
        if (!editor) return;
        const source = editor.state.doc.toString();
        const bodyEnd = source.lastIndexOf('</mj-body>');
        const at = editor.hasFocus || bodyEnd < 0 ? editor.state.selection.main.head : bodyEnd;
        editor.dispatch({
          changes: { from: at, insert: text },
          selection: { anchor: at + text.length },
          scrollIntoView: true,
        });
      },
    }));

    return <Box ref={parent} data-testid="mjml-editor" />;
  },
);

MjmlEditor.displayName = 'MjmlEditor';
