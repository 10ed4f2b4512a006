import { describe, expect, it } from 'vitest';
import {
  campaignBody,
  campaignToForm,
  definitionTitle,
  emptyCampaignForm,
  fullUrl,
  instantDay,
  localized,
  parseDefinition,
  qrSrc,
  responseRate,
  scaleText,
  toAppLang,
  toSurveyLang,
  skippedCount,
  withDefaultLang,
  type Campaign,
} from './surveys';

describe('languages', () => {
  it("maps the app's locales to SurveyJS's and back", () => {
    expect(toSurveyLang('vi')).toBe('vi');
    expect(toSurveyLang('zh-CN')).toBe('zh-cn');
    expect(toSurveyLang('en')).toBe('en');
    expect(toSurveyLang(undefined)).toBe('vi');
    expect(toAppLang('zh-cn')).toBe('zh-CN');
    expect(toAppLang('fr')).toBe('vi');
  });

  it('picks the localised text of a SurveyJS string, with fallbacks', () => {
    const title = { default: 'Overall', vi: 'Hài lòng chung', 'zh-cn': '总体满意度' };
    expect(localized(title, 'vi')).toBe('Hài lòng chung');
    expect(localized(title, 'zh-CN')).toBe('总体满意度');
    expect(localized(title, 'en')).toBe('Overall');
    expect(localized('plain', 'en')).toBe('plain');
    expect(localized({ en: 'Only English' }, 'vi')).toBe('Only English');
    expect(localized(null, 'vi')).toBe('');
  });
});

describe('texts for SurveyJS', () => {
  it("puts each text's Vietnamese variant into default and leaves the others alone", () => {
    const def = {
      title: { default: 'Khảo sát', vi: 'Khảo sát VI', en: 'Survey' },
      pages: [
        {
          elements: [
            {
              type: 'radiogroup',
              name: 'q',
              title: 'plain',
              choices: [{ value: 1, text: { default: 'Có', en: 'Yes' } }],
            },
          ],
        },
      ],
    };
    const out = withDefaultLang(def, 'vi') as typeof def;
    expect(out.title).toEqual({ default: 'Khảo sát VI', vi: 'Khảo sát VI', en: 'Survey' });
    const q = out.pages[0].elements[0];
    expect(q.title).toBe('plain');
    expect(q.choices[0]).toEqual({ value: 1, text: { default: 'Có', en: 'Yes' } });
    expect(def.title.default).toBe('Khảo sát'); // a copy: the editor's JSON is untouched
  });

  it('does not take ordinary objects for texts', () => {
    const def = { elements: [{ type: 'matrix', name: 'm', columns: [{ value: 1, text: 'x' }] }] };
    expect(withDefaultLang(def, 'vi')).toEqual(def);
  });
});

describe('questionnaire JSON', () => {
  it('accepts pages or top-level elements', () => {
    expect(parseDefinition('{"pages":[{"elements":[]}]}').ok).toBe(true);
    expect(parseDefinition('\uFEFF {"elements":[{"type":"rating","name":"q1"}]}').ok).toBe(true);
  });

  it('says why a text is refused', () => {
    expect(parseDefinition('   ')).toEqual({ ok: false, error: 'empty' });
    expect(parseDefinition('[1]')).toEqual({ ok: false, error: 'not_object' });
    expect(parseDefinition('{"title":"x"}')).toEqual({ ok: false, error: 'no_elements' });
    const bad = parseDefinition('{"pages": [}');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error).not.toBe('');
  });

  it('reads the title in a language', () => {
    expect(definitionTitle({ title: { vi: 'Khảo sát', en: 'Survey' }, elements: [] }, 'en')).toBe(
      'Survey',
    );
  });

  it('writes a scale as a range or its values', () => {
    expect(scaleText({ min: 1, max: 5, values: null })).toBe('1–5');
    expect(scaleText({ min: null, max: null, values: [1, 3, 5] })).toBe('1, 3, 5');
    expect(scaleText(null)).toBe('');
  });
});

describe('links', () => {
  it('prefixes the page origin to the API path of a link', () => {
    expect(fullUrl('https://cskh.example.vn', '/s/ABCD')).toBe('https://cskh.example.vn/s/ABCD');
    expect(fullUrl('https://cskh.example.vn/', 's/ABCD')).toBe('https://cskh.example.vn/s/ABCD');
    expect(fullUrl('https://a', 'https://b/k/1')).toBe('https://b/k/1');
  });

  it('asks the server for the QR of the encoded link', () => {
    expect(qrSrc('https://x.vn/s/A?b=1&c')).toBe(
      '/api/v1/qr.svg?data=https%3A%2F%2Fx.vn%2Fs%2FA%3Fb%3D1%26c',
    );
  });
});

describe('campaign form', () => {
  it('names what is missing', () => {
    expect(campaignBody(emptyCampaignForm()).missing).toEqual(['survey_id', 'name', 'opens_at']);
  });

  it('opens at the start of the first day and closes at the end of the last; segment as given', () => {
    const f = {
      ...emptyCampaignForm(),
      survey_id: 3,
      name: ' Sau khám tháng 3 ',
      opens: '2026-03-01',
      closes: '2026-03-31',
      unit: 'KHOA-NOI',
      category: 'first_time',
      encounters: ['2026-02-01', '2026-02-28'] as [string, string],
    };
    const { body, missing } = campaignBody(f);
    expect(missing).toEqual([]);
    expect(body.name).toBe('Sau khám tháng 3');
    const opens = new Date(body.opens_at as string);
    const closes = new Date(body.closes_at as string);
    expect([opens.getFullYear(), opens.getMonth(), opens.getDate(), opens.getHours()]).toEqual([
      2026, 2, 1, 0,
    ]);
    expect([closes.getDate(), closes.getHours(), closes.getMinutes()]).toEqual([31, 23, 59]);
    expect(body.segment).toEqual({
      category: 'first_time',
      unit: 'KHOA-NOI',
      from: '2026-02-01',
      to: '2026-02-28',
      consent_only: true,
      per: 'encounter',
    });
  });

  it('reads a campaign back into the form', () => {
    const c = {
      id: 1,
      survey_id: 3,
      survey_title: 'x',
      name: 'n',
      channel: 'kiosk',
      opens_at: new Date(2026, 2, 1, 0, 0, 0).toISOString(),
      closes_at: null,
      status: 'open',
      segment: {
        category: null,
        unit: null,
        from: null,
        to: null,
        consent_only: false,
        per: 'customer',
      },
      invitations: 0,
      responses: 0,
      response_rate: null,
      created_at: '',
    } as Campaign;
    const f = campaignToForm(c);
    expect(f.opens).toBe('2026-03-01');
    expect(f.closes).toBeNull();
    expect(f.consent_only).toBe(false);
    expect(f.per).toBe('customer');
    expect(instantDay('2026-04-05')).toBe('2026-04-05');
  });

  it('counts skipped invitations given as a number or by reason', () => {
    expect(skippedCount({ created: 3, skipped: 2 })).toEqual({ total: 2, reasons: [] });
    expect(skippedCount({ created: 3, skipped: { no_consent: 4, already_invited: 10 } })).toEqual({
      total: 14,
      reasons: [
        ['no_consent', 4],
        ['already_invited', 10],
      ],
    });
  });

  it('computes a response rate only with invitations', () => {
    expect(responseRate(200, 50)).toBe(0.25);
    expect(responseRate(0, 0)).toBeNull();
  });
});
