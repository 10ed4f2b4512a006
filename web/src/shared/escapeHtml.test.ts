// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { escapeHtml, tooltipHtml } from './escapeHtml';

describe('escapeHtml', () => {
  it('escapes markup so that it is shown as text', () => {
    expect(escapeHtml('<img src=x onerror=window.__xss=1>')).toBe(
      '&lt;img src=x onerror=window.__xss=1&gt;',
    );
    expect(escapeHtml(`"a" & 'b'`)).toBe('&quot;a&quot; &amp; &#39;b&#39;');
    expect(escapeHtml('</div><script>alert(1)</script>')).toBe(
      '&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it('escapes an entity once, so that it reads as typed', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('keeps Vietnamese and Chinese text as it is', () => {
    expect(escapeHtml('Khoa Nội tổng hợp – Bệnh viện Đà Nẵng')).toBe(
      'Khoa Nội tổng hợp – Bệnh viện Đà Nẵng',
    );
    expect(escapeHtml('心内科（二病区）')).toBe('心内科（二病区）');
  });

  it('turns null, undefined and numbers into text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(4.5)).toBe('4.5');
  });

  it('renders as the literal text in a DOM', () => {
    const name = '<img src=x onerror=window.__xss=1>Khoa Sản';
    const el = document.createElement('div');
    el.innerHTML = tooltipHtml(name, 'n = 3');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toBe(`${name}n = 3`);
  });
});

describe('tooltipHtml', () => {
  it('escapes text lines, keeps marker markup, drops empty lines', () => {
    const marker = { html: '<span style="color:red"></span>' };
    expect(tooltipHtml('<b>A</b>', '', null, false, marker, 'x & y')).toBe(
      '&lt;b&gt;A&lt;/b&gt;<br/><span style="color:red"></span><br/>x &amp; y',
    );
  });
});
