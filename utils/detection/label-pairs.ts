import { parseDuration } from '@/utils/duration';
import {
  collapseWhitespace,
  forEachTextNode,
  isFurniture,
  shortText,
} from '@/utils/detection/dom-text';

/**
 * "Type … / Duration …" label–value pairs, as on the Leading to Change resource pages:
 * definition lists (dt/dd), table rows (th/td), a label element followed by its value, or
 * "Duration: 5 mins" in one piece of text. Which labels count comes from a site profile.
 */

export interface LabelPairs {
  type?: string;
  duration?: { raw: string; seconds: number };
}

export interface LabelVocabulary {
  type: string[];
  duration: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (labels: string[]) =>
  labels.map((label) => escapeRegExp(label).replace(/\s+/g, '\\s+')).join('|');

function compile(labels: LabelVocabulary) {
  return {
    type:
      labels.type.length > 0 ? new RegExp(`^(?:${alternatives(labels.type)})\\s*:?$`, 'i') : null,
    duration: new RegExp(`^(?:${alternatives(labels.duration)})\\s*:?$`, 'i'),
    inlineDuration: new RegExp(`^(?:${alternatives(labels.duration)})\\s*:\\s*(.{1,40})$`, 'i'),
  };
}

/** The element holding the label's value: dd after dt, td after th, or the next sibling. */
function valueElementFor(labelElement: Element): Element | null {
  let sibling = labelElement.nextElementSibling;
  if (labelElement.tagName.toUpperCase() === 'DT') {
    while (sibling && sibling.tagName.toUpperCase() !== 'DD') sibling = sibling.nextElementSibling;
  }
  return sibling;
}

function valueTextFor(labelNode: Text): string | null {
  // A bare text label followed by its value in the same element: "Duration <b>5 mins</b>".
  const labelElement = labelNode.parentElement!;
  const ownText = collapseWhitespace(labelNode.nodeValue ?? '');
  const whole = shortText(labelElement);
  if (whole && whole.length > ownText.length && whole.startsWith(ownText)) {
    return whole.slice(ownText.length).replace(/^:\s*/, '').trim();
  }
  // Otherwise the value lives in the next element (dd, td, span, div…); when the label is
  // wrapped (<dt><strong>Type</strong></dt>), climb to the wrapper first.
  let current: Element | null = labelElement;
  for (let depth = 0; current && depth < 3; depth++) {
    const value = shortText(valueElementFor(current));
    if (value) return value;
    if (shortText(current.parentElement) !== shortText(current)) break;
    current = current.parentElement;
  }
  return null;
}

export function findLabelPairs(doc: Document, labels: LabelVocabulary): LabelPairs {
  const patterns = compile(labels);
  const found: LabelPairs = {};
  forEachTextNode(doc.body ?? doc, (node) => {
    const raw = node.nodeValue ?? '';
    if (raw.length > 240) return;
    const text = collapseWhitespace(raw);
    if (text.length > 60) return;
    const isType = !found.type && patterns.type?.test(text);
    const isDuration =
      !found.duration && (patterns.inlineDuration.test(text) || patterns.duration.test(text));
    // The (costlier) furniture check only for text that is a label.
    if ((!isType && !isDuration) || isFurniture(node.parentElement!)) return;
    if (isType) {
      const value = valueTextFor(node);
      if (value && value.length <= 40 && parseDuration(value) === null) found.type = value;
    } else if (!found.duration) {
      const inline = patterns.inlineDuration.exec(text);
      const raw = inline
        ? inline[1]!.trim()
        : patterns.duration.test(text)
          ? valueTextFor(node)
          : null;
      const seconds = raw ? parseDuration(raw) : null;
      if (raw && seconds !== null && seconds > 0) found.duration = { raw, seconds };
    }
    return Boolean(found.type && found.duration) || undefined;
  });
  return found;
}
