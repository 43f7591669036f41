import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from '../../src/report/escape-html.ts';

test('escapeHtml replaces the five markup characters', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

test('escapeHtml leaves other text alone and escapes an ampersand once', () => {
  assert.equal(escapeHtml('lastmonth_activity é ✓ [0, 50)'), 'lastmonth_activity é ✓ [0, 50)');
  assert.equal(escapeHtml('&amp;'), '&amp;amp;');
  assert.equal(escapeHtml(''), '');
});
