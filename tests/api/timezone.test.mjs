// The organisation's time zone (issue 11 §2; docs/api.md "Settings"): a time typed without an
// offset is local time in the zone of GET /settings (default Asia/Ho_Chi_Minh, UTC+7 without DST
// since 1975 per the tz database); responses carry UTC with Z; every calendar period (feedback
// counts and measures by month, survey analysis by day, reference numbers per year) is cut in
// that zone; an admin changes the zone with PUT /settings. Expected instants are worked out by
// hand: 06:30 on 1 October in Hanoi (UTC+7) is 23:30Z on 30 September; in Shanghai (UTC+8) 22:30Z.
import { before } from 'node:test';
import {
  suite, test, useServer, expectProblem, expectStatus, assert, uid, makeUnit, makeCustomer, makeEncounter,
} from './harness.mjs';

const QUESTIONNAIRE = { title: 'Giờ địa phương', elements: [{ type: 'rating', name: 'overall', role: 'overall' }] };

suite('organisation time zone', () => {
  const s = useServer();
  const w = {};

  const complaint = (received_at, extra = {}) => ({
    received_at, channel: 'phone', kind: 'complaint', category: 'attitude', severity: 'low', unit: w.unit.code,
    customer: { name: 'Nguyễn Văn Giờ', phone: '0911000111' }, content: 'Chờ lâu', ...extra,
  });

  before(async () => {
    const admin = await s.admin();
    w.unit = await makeUnit(admin, { code: uid('TZ'), name: 'Khoa Giờ' });
    // The case the period tests count, given with its offset so that they test the cut alone.
    w.october = expectStatus(await admin.post('/feedback', complaint('2026-10-01T06:30:00+07:00')), 201);
  });

  test('GET /settings: the default zone and region, for any signed-in user', async () => {
    const staff = await s.makeUser('staff', { unit: w.unit.code });
    const b = expectStatus(await staff.client.get('/settings'), 200);
    assert.deepEqual(b, { time_zone: 'Asia/Ho_Chi_Minh', phone_region: 'VN' });
    expectProblem(await s.client().get('/settings'), 401);
  });

  test('a received_at without offset is Hanoi time: 2026-10-01T06:30:00 is stored as 2026-09-30T23:30:00Z', async () => {
    const admin = await s.admin();
    const c = expectStatus(await admin.post('/feedback', complaint('2026-10-01T06:30:00', { unit: undefined })), 201);
    assert.equal(c.received_at, '2026-09-30T23:30:00Z');
    assert.equal(expectStatus(await admin.get(`/feedback/${c.id}`), 200).received_at, '2026-09-30T23:30:00Z');
    // the same with a space and no seconds, and an explicit offset still wins
    const d = expectStatus(await admin.post('/feedback', complaint('2026-10-01 06:30', { unit: undefined })), 201);
    assert.equal(d.received_at, '2026-09-30T23:30:00Z');
    const z = expectStatus(await admin.post('/feedback', complaint('2026-10-01T06:30:00Z', { unit: undefined })), 201);
    assert.equal(z.received_at, '2026-10-01T06:30:00Z');
    assert.equal(w.october.received_at, '2026-09-30T23:30:00Z');
  });

  test('the complaint of 06:30 on 1 October counts in October (counts and measures by month)', async () => {
    const admin = await s.admin();
    const counts = expectStatus(await admin.get(`/feedback/counts?by=month&unit=${w.unit.code}`), 200);
    assert.deepEqual(counts.items, [{ key: '2026-10', count: 1 }]);
    const measures = expectStatus(await admin.get(`/feedback/measures?group=month&unit=${w.unit.code}`), 200);
    assert.deepEqual(measures.items.map((i) => [i.key, i.complaints]), [['2026-10', 1]]);
  });

  test('a bare date filter is the local day: from=2026-10-01 includes the case, to=2026-10-01 (exclusive) does not', async () => {
    const admin = await s.admin();
    const ids = async (q) => expectStatus(await admin.get(`/feedback?unit=${w.unit.code}&${q}`), 200).items.map((i) => i.id);
    assert.deepEqual(await ids('from=2026-10-01'), [w.october.id]);
    assert.deepEqual(await ids('to=2026-10-01'), []);
    assert.deepEqual(await ids('from=2026-10-01T06:30:00&to=2026-10-01T06:31:00'), [w.october.id]);
  });

  test('the reference number of a case received 00:30 local on 1 January is of the new year', async () => {
    const admin = await s.admin();
    // with its offset (the year cut alone) and without (read as local time)
    const o = expectStatus(await admin.post('/feedback', complaint('2026-01-01T00:30:00+07:00', { unit: undefined })), 201);
    assert.match(o.reference, /^PH-2026-\d{6}$/);
    const c = expectStatus(await admin.post('/feedback', complaint('2026-01-01T00:30:00', { unit: undefined })), 201);
    assert.match(c.reference, /^PH-2026-\d{6}$/);
    assert.equal(c.received_at, '2025-12-31T17:30:00Z');
  });

  test('an encounter started_at without offset is local time', async () => {
    const admin = await s.admin();
    const cu = await makeCustomer(admin);
    const e = await makeEncounter(admin, { customer: cu.id, unit: w.unit.code, started_at: '2026-10-01T06:30:00' });
    assert.equal(e.started_at, '2026-09-30T23:30:00Z');
  });

  test('survey responses at 06:30 local on 1 October fall on 1 October (day cells) and in October (trend)', async () => {
    const admin = await s.admin();
    const survey = expectStatus(await admin.post('/surveys', { definition: QUESTIONNAIRE }), 201);
    for (let i = 0; i < 5; i++) // min_group is 5: a smaller slice would be suppressed
      expectStatus(await admin.post(`/surveys/${survey.id}/responses`,
        { answers: { overall: 4 }, unit: w.unit.code, submitted_at: i ? '2026-10-01T06:30:00+07:00' : '2026-10-01T06:30:00' }), 201);
    const check = async (label) => {
      const oct1 = expectStatus(await admin.get(`/surveys/${survey.id}/analysis?from=2026-10-01&to=2026-10-01`), 200);
      assert.equal(oct1.n, 5, `${label}: 1 October`);
      const sep30 = expectStatus(await admin.get(`/surveys/${survey.id}/analysis?from=2026-09-30&to=2026-09-30`), 200);
      assert.ok(!sep30.n, `${label}: 30 September holds none (${JSON.stringify(sep30.n)})`);
      const all = expectStatus(await admin.get(`/surveys/${survey.id}/analysis`), 200);
      assert.deepEqual(all.trend.map((t) => t.month), ['2026-10'], label);
    };
    await check('before folding');
    await new Promise((r) => setTimeout(r, 1500)); // the folder runs every second: now the cells answer
    await check('after folding');
    w.survey = survey;
  });

  test('PUT /settings: only an admin; an unknown zone or a malformed region is a 422 naming it', async () => {
    const head = await s.makeUser('quality');
    expectProblem(await head.client.put('/settings', { time_zone: 'Asia/Shanghai' }), 403, 'auth.forbidden');
    const admin = await s.admin();
    const bad = expectProblem(await admin.put('/settings', { time_zone: 'Asia/Hanoi' }), 422, 'settings.time_zone_invalid', 'time_zone');
    assert.deepEqual(bad.params, { value: 'Asia/Hanoi' });
    expectProblem(await admin.put('/settings', { time_zone: 7 }), 422, 'settings.time_zone_invalid', 'time_zone');
    expectProblem(await admin.put('/settings', { phone_region: 'vn' }), 422, 'settings.phone_region_invalid', 'phone_region');
    expectProblem(await admin.put('/settings', { phone_region: 'XX' }), 422, 'settings.phone_region_invalid', 'phone_region');
    assert.deepEqual(expectStatus(await admin.get('/settings'), 200), { time_zone: 'Asia/Ho_Chi_Minh', phone_region: 'VN' });
  });

  test('with the zone set to Asia/Shanghai the same input shifts by 8 h; stored instants stay; the change is audited', async () => {
    const admin = await s.admin();
    const b = expectStatus(await admin.put('/settings', { time_zone: 'Asia/Shanghai', phone_region: 'CN' }), 200);
    assert.deepEqual(b, { time_zone: 'Asia/Shanghai', phone_region: 'CN' });
    // (the region is now CN: a Vietnamese number needs its country code)
    const customer = { name: 'Nguyễn Văn Giờ', phone: '+84 91 100 0111' };
    const c = expectStatus(await admin.post('/feedback', complaint('2026-10-01T06:30:00', { unit: undefined, customer })), 201);
    assert.equal(c.received_at, '2026-09-30T22:30:00Z');
    assert.equal(expectStatus(await admin.get(`/feedback/${w.october.id}`), 200).received_at, '2026-09-30T23:30:00Z');
    const audit = expectStatus(await admin.get('/audit?entity=settings'), 200);
    assert.equal(audit.items[0].after.time_zone, 'Asia/Shanghai');
    assert.equal(audit.items[0].before.time_zone, 'Asia/Ho_Chi_Minh');
    // survey day cells are rebuilt in the new zone: 06:30 Hanoi is 07:30 Shanghai, still 1 October
    const oct1 = expectStatus(await admin.get(`/surveys/${w.survey.id}/analysis?from=2026-10-01&to=2026-10-01`), 200);
    assert.equal(oct1.n, 5);
  });
});
