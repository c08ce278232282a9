import { useCallback, useEffect, useRef, useState } from 'react';
import { parseMjml, serializeMjml, type ParseResult, type VisualDocument } from '../document';

/**
 * The document the canvas edits, kept in step with the page's MJML: `value` is parsed when it
 * comes from outside (a loaded campaign, a template, another language, the code view), never when
 * it is this editor's own output, so node ids and the selection survive each edit.
 */
export function useVisualDocument(
  value: string,
  onChange: (mjml: string) => void,
  onCannotOpen: (reason: string | null) => void,
) {
  const [parsed, setParsed] = useState<ParseResult>(() => parseMjml(value));
  // What edits start from: several edits before the next render each see the one before.
  const latest = useRef(parsed);
  // The source `latest` stands for: parsed from it, or written by this editor.
  const source = useRef(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onCannotOpenRef = useRef(onCannotOpen);
  onCannotOpenRef.current = onCannotOpen;

  useEffect(() => {
    if (value !== source.current) {
      source.current = value;
      latest.current = parseMjml(value);
      setParsed(latest.current);
    }
    onCannotOpenRef.current(latest.current.ok ? null : latest.current.reason);
  }, [value]);

  /** Applies an edit; an edit that changes nothing (a move MJML does not allow) writes nothing. */
  const edit = useCallback((change: (document: VisualDocument) => VisualDocument) => {
    const current = latest.current;
    if (!current.ok) return;
    const document = change(current.document);
    if (document === current.document) return;
    const mjml = serializeMjml(document);
    latest.current = { ok: true, document };
    source.current = mjml;
    setParsed(latest.current);
    onChangeRef.current(mjml);
  }, []);

  return { parsed, edit };
}
