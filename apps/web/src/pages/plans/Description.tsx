/**
 * An activity's rich-text description: TipTap bound to the activity's Y.XmlFragment by the stock
 * Collaboration extension (y-tiptap), with the other people's carets and selections.
 */
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

export interface Person {
  name: string;
  color: string;
}

/** A caret with the person's name; colours set through the CSSOM (no style attributes in markup). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = String(user.color);
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = String(user.color);
  label.textContent = String(user.name);
  caret.append(label);
  return caret;
}

export function Description({
  fragment,
  provider,
  person,
  writable,
  labelId,
}: {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  person: Person;
  writable: boolean;
  labelId: string;
}) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user: person, render: renderCaret }),
      ],
      editable: writable,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'aria-readonly': String(!writable),
          class: 'plan-description',
        },
      },
    },
    [fragment, provider],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== writable) editor.setEditable(writable);
  }, [editor, writable]);
  return <EditorContent editor={editor} />;
}
