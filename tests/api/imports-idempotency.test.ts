import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { makeHarness } from '../support/harness.js';

// An import retried with the same Idempotency-Key (the same bytes, as a client's retry sends them)
// is answered once: the middleware reads the raw body for its hash, and the multipart form — an
// .xlsx is binary — must still parse after that.
it('an .xlsx import with an Idempotency-Key runs once; the retry gets the same answer', async () => {
  const h = await makeHarness();
  const t = await h.tenant();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('村庄');
  ws.addRow(['村名', '乡镇', '县', '户数', '人口', '建档立卡户数', '状态', '挂牌督战']);
  ws.addRow(['重试村', '重试镇', '示例县', 10, 40, 2, '未出列', '是']);
  const file = new Uint8Array(await wb.xlsx.writeBuffer());
  const form = (boundary: string, bytes = file) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      Buffer.from(bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  const send = async (boundary = '----bangfu-retry-boundary', body = form(boundary)) => {
    const res = await h.app.request('/api/imports/villages', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.bureau}`, 'idempotency-key': 'import-1', 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    return { status: res.status, body: await res.json() };
  };
  const first = await send();
  expect(first).toEqual({ status: 200, body: { created: 1, updated: 0, errors: [] } });
  expect(await send()).toEqual(first);
  // a browser's retry builds the form again with another random boundary: still the same request
  expect(await send('----WebKitFormBoundaryR3tRy7Xq2')).toEqual(first);
  // another file under the same key is another request: refused, nothing written
  const other = new Uint8Array(file);
  other[other.length - 1] ^= 1;
  const refused = await send('----bangfu-other', form('----bangfu-other', other));
  expect(refused.status).toBe(409);
  expect((await h.get(t.bureau, '/api/villages')).items).toHaveLength(1);
});
