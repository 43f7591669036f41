import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logId, logIds, recordLogIds } from '../../src/api/log-ids.ts';

const features = { lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 };

describe('the ids the prediction log keeps', () => {
  it('an id of up to 200 characters is kept whole, a longer one cut to 200', () => {
    assert.equal(logId('a'.repeat(200)), 'a'.repeat(200));
    assert.equal(logId('a'.repeat(1000)), 'a'.repeat(200));
  });

  it('a cut never splits a surrogate pair', () => {
    const id = `${'a'.repeat(199)}😀tail`;
    assert.equal(logId(id), 'a'.repeat(199));
    assert.equal(logId(`${'a'.repeat(198)}😀tail`), `${'a'.repeat(198)}😀`);
  });

  it('empty ids are null; no id at all is null for the whole batch', () => {
    assert.deepEqual(logIds(['x', '', null]), ['x', null, null]);
    assert.equal(logIds([null, '']), null);
  });

  it('a record is logged by its id, else its corporation', () => {
    assert.deepEqual(
      recordLogIds([
        { ...features, id: 'i', corporation: 'c' },
        { ...features, corporation: 'c' },
        { ...features, id: '', corporation: 'c2' },
        features,
      ]),
      ['i', 'c', 'c2', null],
    );
  });
});
