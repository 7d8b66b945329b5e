import { INLINE_TAGS, SKIPPED_TAGS } from '../core/html-tags.ts';

export const HOST_ATTRIBUTE = 'data-summit-lens-host';

export function isOwnNode(element: Element): boolean {
  return element.hasAttribute(HOST_ATTRIBUTE);
}

/** True for an element the reader can edit; `contenteditable="false"` inside an editor is respected by the browser's own flag. */
export function isEditable(element: Element): boolean {
  return (element as HTMLElement).isContentEditable === true || element.ownerDocument.designMode === 'on';
}

export function isSkipped(element: Element): boolean {
  return SKIPPED_TAGS.has(element.tagName.toUpperCase()) || isOwnNode(element) || isEditable(element);
}

export function isInline(element: Element): boolean {
  return INLINE_TAGS.has(element.tagName.toUpperCase());
}
