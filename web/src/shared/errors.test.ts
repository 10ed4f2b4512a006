import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '@/app/i18n';
import { ApiError, parseProblem } from '@/app/api';
import { problemMessage, problemText } from './errors';
import en from '@/locales/en.json';

/** the server codes of issue 11 that a vi or zh-CN user must never read in English */
const NEW_CODES = [
  'http.unsupported_media_type',
  'http.bad_origin',
  'http.json_too_deep',
  'http.payload_too_large',
  'http.uri_too_long',
  'http.header_too_large',
  'auth.session_ended',
  'auth.locked',
  'survey.definition_too_deep',
  'survey.answer_invalid',
  'survey.html_unsafe',
  'survey.choices_missing',
  'survey.items_missing',
  'survey.matrix_rows',
  'survey.name_invalid',
  'survey.property_invalid',
  'survey.role_invalid',
  'survey.dimension_unscored',
  'settings.time_zone_invalid',
  'settings.phone_region_invalid',
];

const problem = (code: string, extra: Record<string, unknown> = {}) =>
  parseProblem(
    400,
    JSON.stringify({ status: 400, code, title: 'Bad Request', detail: 'english detail', ...extra }),
  );

afterEach(() => {
  i18n.global.locale.value = 'vi';
});

describe('problem messages', () => {
  for (const lang of ['vi', 'zh-CN'] as const) {
    it(`has a ${lang} message for every new server code, not the English one`, () => {
      for (const code of NEW_CODES) {
        i18n.global.locale.value = 'en';
        const english = problemText(
          problem(code, { params: { seconds: 30, value: 'Asia/Hanoi' }, field: 'q1' }),
        );
        i18n.global.locale.value = lang;
        const msg = problemText(
          problem(code, { params: { seconds: 30, value: 'Asia/Hanoi' }, field: 'q1' }),
        );
        expect(msg, `${lang} ${code}`).not.toBe('english detail');
        expect(msg, `${lang} ${code}`).not.toBe(english);
      }
    });
  }

  it('puts the params of a problem into its message', () => {
    i18n.global.locale.value = 'vi';
    expect(problemMessage(problem('auth.locked', { params: { seconds: 42 } }))).toBe(
      'Đăng nhập sai quá nhiều lần; vui lòng chờ 42 giây.',
    );
    i18n.global.locale.value = 'zh-CN';
    expect(problemMessage(problem('auth.locked', { params: { seconds: 42 } }))).toBe(
      '登录失败次数过多；请等待 42 秒。',
    );
    expect(problemMessage(problem('survey.answer_invalid', { field: 'nps' }))).toBe(
      '对“nps”的回答无效。',
    );
    i18n.global.locale.value = 'en';
    expect(
      problemText(problem('survey.answer_invalid', { field: 'nps' }), { field: 'How likely…' }),
    ).toBe('The answer to How likely… is not valid.');
  });

  it("falls back to the server's detail when a placeholder has no value", () => {
    i18n.global.locale.value = 'vi';
    expect(problemText(problem('auth.locked'))).toBe('english detail');
  });

  it('reads only string and number params', () => {
    const p = problem('auth.locked', { params: { seconds: 5, x: { y: 1 }, z: [1], s: 'a' } });
    expect(p.params).toEqual({ seconds: 5, s: 'a' });
    expect(problem('auth.locked', { params: 'nope' }).params).toBeUndefined();
  });

  it('every code listed has an English message', () => {
    const tree = en.errors as unknown as Record<string, Record<string, string>>;
    for (const code of NEW_CODES) {
      const [a, b] = code.split('.');
      expect(tree[a!]?.[b!], code).toBeTypeOf('string');
    }
  });

  it('keeps the old behaviour for codes without a message', () => {
    i18n.global.locale.value = 'en';
    const e = new ApiError({ status: 422, code: 'x.unknown', detail: 'a detail', field: 'f' });
    expect(problemMessage(e)).toBe('a detail (field: f)');
  });
});

describe('a refused questionnaire lists every problem', () => {
  it('parses errors[] with path, code and params, and each one translates in vi and zh-CN', () => {
    const p = problem('survey.definition_invalid', {
      errors: [
        {
          path: 'pages[0].elements[3]',
          code: 'survey.question_type_unsupported',
          params: { type: 'file', name: 'q4' },
          message: 'english',
        },
        {
          path: 'pages[0].elements[4]',
          code: 'survey.question_type_unsupported',
          params: { type: 'signaturepad', name: 'ky' },
          message: 'english',
        },
      ],
      error_count: 2,
    });
    expect(p.errors?.map((e) => [e.path, e.code, e.params])).toEqual([
      ['pages[0].elements[3]', 'survey.question_type_unsupported', { type: 'file', name: 'q4' }],
      [
        'pages[0].elements[4]',
        'survey.question_type_unsupported',
        { type: 'signaturepad', name: 'ky' },
      ],
    ]);
    const first = p.errors![0]!;
    // The vi and zh-CN texts of survey.question_type_unsupported, with the params put in.
    i18n.global.locale.value = 'vi';
    expect(problemText({ status: 422, code: first.code!, params: first.params })).toBe(
      'Câu hỏi “q4” có kiểu “file”, không thể trả lời ở đây (không nhận tệp, chữ ký và kiểu lạ).',
    );
    i18n.global.locale.value = 'zh-CN';
    expect(problemText({ status: 422, code: first.code!, params: first.params })).toBe(
      '问题“q4”的类型为“file”，此处无法作答（不接受文件、签名和未知类型）。',
    );
  });
});
