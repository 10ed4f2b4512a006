// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeDefinition } from './sanitizeDefinition';
import { createModel } from './surveyjs';

const XSS = '<img src=x onerror="window.__xss=1">';

const hostile = {
  title: { default: `Khảo sát ${XSS}`, 'zh-cn': `满意度调查 ${XSS}` },
  logo: 'javascript:window.__xss=1',
  completedHtml: `<h3>Cảm ơn quý khách!</h3><script>window.__xss=1</script>`,
  completedBeforeHtml: {
    default: `<p onclick="window.__xss=1">Đã trả lời</p>`,
    'zh-cn': '<p>已回答</p>',
  },
  loadingHtml: '<meta http-equiv="refresh" content="0;url=https://evil.example">Đang tải…',
  completedHtmlOnCondition: [
    { expression: '{nps} <= 6', html: { default: `<b>Xin lỗi</b>${XSS}`, 'zh-cn': '<b>抱歉</b>' } },
  ],
  navigateToUrl: 'java\tscript:window.__xss=1',
  navigateToUrlOnCondition: [
    { expression: '{nps} > 8', url: 'javascript:window.__xss=1' },
    { expression: '{nps} <= 8', url: 'https://benhvien.vn/cam-on' },
  ],
  pages: [
    {
      name: 'p1',
      elements: [
        {
          type: 'html',
          name: 'intro',
          html: {
            default: `<p>Xin chào <b>quý khách</b></p><form action="https://evil.example"><input name="pw"></form>${XSS}`,
            'zh-cn': `<p>您好</p><a href="javascript:window.__xss=1">点击</a>`,
          },
        },
        {
          type: 'panel',
          name: 'pn',
          elements: [{ type: 'image', name: 'img', imageLink: 'javascript:window.__xss=1' }],
        },
        {
          type: 'rating',
          name: 'nps',
          title: `Bạn có giới thiệu ${XSS} không?`,
          description: '<b>0</b> = không bao giờ',
          rateMin: 0,
          rateMax: 10,
        },
        { type: 'comment', name: 'why' },
        { type: 'html', name: 'echo', html: '<p>Bạn viết: {why}</p>' },
      ],
    },
  ],
};

describe('sanitizeDefinition', () => {
  it('sanitises every HTML string, localised or not, and drops unsafe URLs', () => {
    const d = sanitizeDefinition(structuredClone(hostile)) as typeof hostile;
    // everything but the titles and descriptions, which are text (see below)
    const text =
      JSON.stringify({ ...d, title: null, pages: null }) + JSON.stringify(d.pages[0]!.elements[0]);
    expect(text).not.toMatch(/onerror|onclick|<script|<form|<input|<meta|javascript/i);
    expect(d.completedHtml).toBe('<h3>Cảm ơn quý khách!</h3>');
    expect(d.completedBeforeHtml).toEqual({
      default: '<p>Đã trả lời</p>',
      'zh-cn': '<p>已回答</p>',
    });
    expect(d.loadingHtml).toBe('Đang tải…');
    expect(d.completedHtmlOnCondition[0]!.html).toEqual({
      default: '<b>Xin lỗi</b><img>',
      'zh-cn': '<b>抱歉</b>',
    });
    expect(d.pages[0]!.elements[0]!.html).toEqual({
      default: '<p>Xin chào <b>quý khách</b></p><img>',
      'zh-cn': '<p>您好</p><a>点击</a>',
    });
    expect('logo' in d).toBe(false);
    expect('navigateToUrl' in d).toBe(false);
    expect(d.navigateToUrlOnCondition).toEqual([
      { expression: '{nps} > 8' },
      { expression: '{nps} <= 8', url: 'https://benhvien.vn/cam-on' },
    ]);
    // titles and descriptions are text, not HTML: left as written
    expect(d.title).toEqual(hostile.title);
    expect(d.pages[0]!.elements[2]!.title).toBe(hostile.pages[0]!.elements[2]!.title);
  });

  it('does not change the definition it is given', () => {
    const copy = structuredClone(hostile);
    sanitizeDefinition(copy);
    expect(copy).toEqual(hostile);
  });
});

describe('createModel', () => {
  it('renders only sanitised HTML, also after answers are put into it', () => {
    const m = createModel(hostile, { lang: 'vi' });
    const intro = m.getQuestionByName('intro') as unknown as { locHtml: { renderedHtml: string } };
    expect(intro.locHtml.renderedHtml).toBe('<p>Xin chào <b>quý khách</b></p><img>');
    m.setValue('why', `${XSS}<script>window.__xss=1</script>tệ`);
    const echo = m.getQuestionByName('echo') as unknown as { locHtml: { renderedHtml: string } };
    expect(echo.locHtml.renderedHtml).toBe('<p>Bạn viết: <img>tệ</p>');
    expect(m.processedCompletedHtml).not.toMatch(/script/);
    m.locale = 'zh-cn';
    expect(intro.locHtml.renderedHtml).toBe('<p>您好</p><a>点击</a>');
  });

  it('shows titles and descriptions as text: no markdown handler turns them into HTML', () => {
    const m = createModel(hostile, { lang: 'vi' });
    expect(m.onTextMarkdown.isEmpty).toBe(true);
    const q = m.getQuestionByName('nps');
    expect(q.locTitle.hasHtml).toBe(false);
    expect(q.locDescription.hasHtml).toBe(false);
    expect(q.locTitle.renderedHtml).toContain(XSS); // the literal text, rendered as text
    expect(m.locTitle.hasHtml).toBe(false);
  });

  it('does not navigate to a javascript: URL on completion', () => {
    const m = createModel({ ...hostile, navigateToUrlOnCondition: undefined }, { lang: 'vi' });
    m.navigateToUrl = 'java\tscript:window.__xss=1'; // set after sanitising, as a handler might
    const seen: boolean[] = [];
    m.onNavigateToUrl.add((_, o) => seen.push(o.allow));
    const opts = { url: m.navigateToUrl, allow: true };
    m.onNavigateToUrl.fire(m, opts);
    expect(opts.allow).toBe(false);
  });
});
