// Text that goes into HTML built as a string: ECharts tooltips with a function formatter are
// set with innerHTML, so every user string in them (unit and staff names, category labels,
// questionnaire titles) passes through here. ECharts escapes string templates ('{b}: {c}') and
// its default tooltips itself; a function formatter's return value it does not.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `s` with the five HTML-significant characters replaced by entities; null and undefined are
 * the empty string, numbers their decimal text. */
export function escapeHtml(s: string | number | null | undefined): string {
  if (s === null || s === undefined) return '';
  return String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Tooltip lines: each escaped, empty ones dropped, joined with <br/>. A line given as
 * `{ html }` is trusted markup made by ECharts itself (a series marker) and is kept as it is. */
export function tooltipHtml(
  ...lines: (string | { html: string } | null | undefined | false)[]
): string {
  return lines
    .filter((l): l is string | { html: string } => !!l && (typeof l === 'string' || !!l.html))
    .map((l) => (typeof l === 'string' ? escapeHtml(l) : l.html))
    .join('<br/>');
}
