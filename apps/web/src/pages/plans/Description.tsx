/** An activity's rich-text description: TipTap bound to its Y.XmlFragment, with the others' carets. */
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

export function Description({
  fragment,
  provider,
  user,
  editable,
  label,
}: {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { name: string; color: string };
  editable: boolean;
  label: string;
}) {
  const editor = useEditor(
    {
      extensions: [
        // Undo/redo comes from Yjs (the collaboration extension), not ProseMirror's history.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editable,
      editorProps: {
        attributes: {
          'aria-label': label,
          role: 'textbox',
          'aria-multiline': 'true',
          class: 'plan-description',
        },
      },
    },
    [fragment],
  );
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);
  // The accessible name follows the activity's title as people type it.
  useEffect(() => {
    editor?.view.dom.setAttribute('aria-label', label);
  }, [editor, label]);
  return <EditorContent editor={editor} />;
}
