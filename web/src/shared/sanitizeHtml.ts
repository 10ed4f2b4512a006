// The one HTML sanitiser of the web app. Questionnaire HTML (SurveyJS `html` questions, the
// completed page …) comes from the server, which sanitises it on save — but a public page must
// not trust that: everything goes through DOMPurify with an allow-list before SurveyJS sees it.
//
// Kept: basic formatting, lists, tables, headings, links (http, https, mailto; always
// rel="noopener noreferrer", target only _blank) and images (http, https, data:image/…).
// Dropped: scripts, styles (elements and the style attribute), forms and their controls, meta,
// link, base, frames, objects, SVG and MathML, every event attribute, ids and names (DOM
// clobbering), and every other URL scheme (javascript:, vbscript:, data: other than images,
// relative URLs).
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { escapeHtml } from './escapeHtml';

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'u', 'ul',
]; // prettier-ignore
const ALLOWED_ATTR = [
  'href', 'target', 'rel', 'title', 'alt', 'src', 'width', 'height', 'class', 'lang', 'dir',
  'align', 'colspan', 'rowspan', 'color', 'size', 'start', 'type',
]; // prettier-ignore

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // DOMPurify's own URI filter (its default) applies to every attribute value; which schemes a
  // link or an image may use is decided by the hook below
  FORBID_TAGS: ['style', 'script', 'form', 'meta', 'link', 'base', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style', 'id', 'name'],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
};

const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp|avif|svg\+xml)[;,]/i;

/** The URL's scheme as the browser will read it (tabs and newlines inside are ignored by the URL
 * parser, so "java\tscript:" is javascript:); null for a relative or unparsable URL. */
function schemeOf(url: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  return m ? m[1]!.toLowerCase() : null;
}

/** `url` if a link may point there (http, https, mailto), else null. */
export function safeLinkUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.trim() === '') return null;
  const s = schemeOf(url);
  return s === 'http' || s === 'https' || s === 'mailto' ? url.trim() : null;
}

/** `url` if an image may be loaded from there (http, https, data:image/…), else null. */
export function safeImageUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.trim() === '') return null;
  const s = schemeOf(url);
  if (s === 'http' || s === 'https') return url.trim();
  if (s === 'data' && DATA_IMAGE.test(url.trim())) return url.trim();
  return null;
}

let purifier: Purifier | null | undefined;

function instance(): Purifier | null {
  if (purifier !== undefined) return purifier;
  const win = typeof window !== 'undefined' ? window : undefined;
  const p = win ? DOMPurify(win) : null;
  if (!p || !p.isSupported) {
    purifier = null; // no DOM: sanitizeHtml escapes everything instead
    return purifier;
  }
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (!el.tagName) return;
    const tag = el.tagName.toLowerCase();
    if (tag === 'a') {
      const href = el.getAttribute('href');
      if (href !== null && !safeLinkUrl(href)) el.removeAttribute('href');
      if (el.getAttribute('target') !== '_blank') el.removeAttribute('target');
      if (el.hasAttribute('href')) el.setAttribute('rel', 'noopener noreferrer');
      else el.removeAttribute('rel');
    } else if (el.hasAttribute('href')) {
      el.removeAttribute('href');
    }
    if (tag === 'img') {
      const src = el.getAttribute('src');
      if (src !== null && !safeImageUrl(src)) el.removeAttribute('src');
    } else if (el.hasAttribute('src')) {
      el.removeAttribute('src');
    }
    if (el.hasAttribute('type') && tag !== 'ol' && tag !== 'ul' && tag !== 'li') {
      el.removeAttribute('type');
    }
  });
  purifier = p;
  return purifier;
}

/** `html` with everything outside the allow-list removed. Without a DOM (a unit test in node)
 * it fails closed: the whole string is escaped and shows as text. */
export function sanitizeHtml(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  const p = instance();
  if (!p) return escapeHtml(html);
  return p.sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
}
