/**
 * Renders a ProseMirror document stored in a Y.XmlFragment (as TipTap's collaboration extension
 * and y-prosemirror write it) as Markdown, and writes simple Markdown-ish text back as paragraphs.
 * Nodes: paragraph, heading (level), bulletList, orderedList, listItem, blockquote, codeBlock,
 * horizontalRule, hardBreak; marks: bold, italic, strike, code, link (href).
 */
import * as Y from 'yjs';

type Delta = Array<{ insert: string | object; attributes?: Record<string, unknown> }>;

function inline(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as Delta) {
    if (typeof op.insert !== 'string') continue;
    let s = op.insert;
    const a = op.attributes ?? {};
    if (a.code) s = `\`${s}\``;
    else {
      if (a.bold) s = `**${s}**`;
      if (a.italic) s = `*${s}*`;
      if (a.strike) s = `~~${s}~~`;
    }
    const link = a.link as { href?: unknown } | undefined;
    if (link && typeof link.href === 'string') s = `[${s}](${link.href})`;
    out += s;
  }
  return out;
}

function inlineChildren(el: Y.XmlElement | Y.XmlFragment): string {
  let out = '';
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) out += inline(child);
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') out += '  \n';
      else out += inlineChildren(child);
    }
  }
  return out;
}

function block(el: Y.XmlElement | Y.XmlText, indent: string): string[] {
  if (el instanceof Y.XmlText) return [indent + inline(el)];
  switch (el.nodeName) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(el.getAttribute('level') ?? 1) || 1));
      return [`${indent}${'#'.repeat(level)} ${inlineChildren(el)}`];
    }
    case 'blockquote':
      return blocks(el, indent).map((l) => `${indent}> ${l.slice(indent.length)}`);
    case 'codeBlock':
      return [
        `${indent}\`\`\``,
        ...inlineChildren(el)
          .split('\n')
          .map((l) => indent + l),
        `${indent}\`\`\``,
      ];
    case 'horizontalRule':
      return [`${indent}---`];
    case 'bulletList':
    case 'orderedList': {
      const lines: string[] = [];
      let n = Number(el.getAttribute('start') ?? 1) || 1;
      for (const item of el.toArray()) {
        if (!(item instanceof Y.XmlElement)) continue;
        const marker = el.nodeName === 'bulletList' ? '- ' : `${n++}. `;
        const inner = blocks(item, indent + ' '.repeat(marker.length)).filter((l) => l.trim() !== '');
        inner.forEach((l, i) => {
          lines.push(i === 0 ? indent + marker + l.slice(indent.length + marker.length) : l);
        });
      }
      return lines;
    }
    default:
      return [indent + inlineChildren(el)];
  }
}

function blocks(el: Y.XmlElement | Y.XmlFragment, indent: string): string[] {
  const out: string[] = [];
  const children = el.toArray();
  children.forEach((child, i) => {
    if (!(child instanceof Y.XmlElement || child instanceof Y.XmlText)) return;
    out.push(...block(child, indent));
    const tight = el instanceof Y.XmlElement && el.nodeName === 'listItem';
    if (i < children.length - 1 && !tight) out.push('');
  });
  return out;
}

/**
 * Markdown text of a description fragment ('' when empty).
 * @example fragmentToMarkdown(activity.get('description'))
 */
export function fragmentToMarkdown(fragment: Y.XmlFragment | undefined): string {
  if (!fragment) return '';
  return blocks(fragment, '').join('\n').trim();
}

/**
 * Fills an (empty, integrated) fragment with one paragraph per non-empty line of `text`.
 * @example writeParagraphs(fragment, 'Missing: a reporting pathway.')
 */
export function writeParagraphs(fragment: Y.XmlFragment, text: string): void {
  const paragraphs = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(line)]);
      return p;
    });
  fragment.insert(fragment.length, paragraphs);
}
