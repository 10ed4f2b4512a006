// Saving a file from the browser: a link the server answers (exports), or text built here.

/** Follows `href` as a download named `filename` (the session cookie goes along). */
export function downloadUrl(href: string, filename: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
