import { Parser } from 'htmlparser2';
import { INLINE_TAGS, SKIPPED_TAGS, VOID_TAGS } from '../core/html-tags.ts';

/**
 * The visible text of an HTML document, laid out as the content script sees a page: scripts,
 * styles, form fields and code left out, a "\n" between blocks, soft line breaks as spaces.
 * Offsets the CLI reports for an .html file are offsets into this text.
 */
export function htmlVisibleText(html: string): string {
  const parts: string[] = [];
  let skipDepth = 0;
  let editableDepth = 0;
  const openTags: { name: string; skipped: boolean; editable: boolean }[] = [];
  const breakLine = (): void => {
    if (parts.length && !parts[parts.length - 1]!.endsWith('\n')) parts.push('\n');
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toUpperCase();
        if (VOID_TAGS.has(tag)) {
          if (tag === 'BR' || !INLINE_TAGS.has(tag)) breakLine();
          return;
        }
        const skipped = SKIPPED_TAGS.has(tag);
        const editableValue = attributes.contenteditable;
        const editable = editableValue !== undefined && editableValue !== 'false';
        openTags.push({ name, skipped, editable });
        if (skipped) skipDepth += 1;
        if (editable) editableDepth += 1;
        if (!INLINE_TAGS.has(tag)) breakLine();
      },
      onclosetag(name) {
        const index = openTags.map((t) => t.name).lastIndexOf(name);
        if (index < 0) return;
        for (const closed of openTags.splice(index)) {
          if (closed.skipped) skipDepth -= 1;
          if (closed.editable) editableDepth -= 1;
        }
        if (!INLINE_TAGS.has(name.toUpperCase())) breakLine();
      },
      ontext(text) {
        if (skipDepth === 0 && editableDepth === 0) parts.push(text.replace(/[\r\n]/g, ' '));
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('');
}
