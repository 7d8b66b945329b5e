/** Elements whose text is not prose a reader sees, or is the reader's own input: never scanned. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'SVG',
  'MATH',
  'PRE',
  'CODE',
  'KBD',
  'SAMP',
  'VAR',
  'HEAD',
  'TITLE',
]);

/** Elements that flow inside a line: text on either side of them belongs to the same sentence. */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'DEL',
  'LABEL',
  'MARK',
  'Q',
  'RUBY',
  'RT',
  'S',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'WBR',
  'NOBR',
  'TT',
  'BIG',
  'STRIKE',
]);

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
